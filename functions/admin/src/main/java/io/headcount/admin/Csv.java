package io.headcount.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV text as RFC 4180 writes it: fields separated by commas, records by CRLF (LF or CR alone are taken
 * too), a field in double quotes may hold commas, line breaks and doubled quotes. Anything else with a quote in
 * it is refused rather than guessed at, since a stray quote usually means a broken export. Empty lines are
 * skipped. Each record knows the line it starts on, which is how people find it in an editor or a spreadsheet.
 */
final class Csv {
    private final String text;
    private int at;
    private int line = 1;

    /** One record and the 1-based line of the file it starts on. */
    record Record(int line, List<String> fields) {
    }

    /** The text is not CSV; the message says where. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    Csv(String text) {
        this.text = text;
    }

    /** The next record, or null at the end of the text. */
    Record next() {
        while (at < text.length() && lineBreakAt(at)) {
            skipLineBreak();
        }
        if (at >= text.length()) {
            return null;
        }
        int start = line;
        List<String> fields = new ArrayList<>();
        while (true) {
            fields.add(at < text.length() && text.charAt(at) == '"' ? quoted() : plain());
            if (at >= text.length()) {
                return new Record(start, fields);
            }
            if (text.charAt(at) == ',') {
                at++;
            } else {
                skipLineBreak();
                return new Record(start, fields);
            }
        }
    }

    private String plain() {
        int from = at;
        while (at < text.length()) {
            char c = text.charAt(at);
            if (c == ',' || c == '\n' || c == '\r') {
                break;
            }
            if (c == '"') {
                throw new Malformed("line " + line + " has a quote inside an unquoted field (quote the whole field "
                        + "and double the quote)");
            }
            at++;
        }
        return text.substring(from, at);
    }

    private String quoted() {
        int opened = line;
        at++;
        StringBuilder value = new StringBuilder();
        while (true) {
            if (at >= text.length()) {
                throw new Malformed("the quoted field opened on line " + opened + " is never closed");
            }
            char c = text.charAt(at);
            if (c == '"') {
                if (at + 1 < text.length() && text.charAt(at + 1) == '"') {
                    value.append('"');
                    at += 2;
                    continue;
                }
                at++;
                if (at < text.length() && text.charAt(at) != ',' && !lineBreakAt(at)) {
                    throw new Malformed("line " + line + " has text after the closing quote of a field");
                }
                return value.toString();
            }
            if (c == '\n' || (c == '\r' && !(at + 1 < text.length() && text.charAt(at + 1) == '\n'))) {
                line++;
            }
            value.append(c);
            at++;
        }
    }

    private boolean lineBreakAt(int i) {
        char c = text.charAt(i);
        return c == '\n' || c == '\r';
    }

    private void skipLineBreak() {
        if (text.charAt(at) == '\r' && at + 1 < text.length() && text.charAt(at + 1) == '\n') {
            at++;
        }
        at++;
        line++;
    }
}
