package io.headcount.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.headcount.adapters.ApiError;
import io.headcount.adapters.ErrorCode;
import io.headcount.adapters.Json;
import io.headcount.domain.MemberSpec;
import io.headcount.domain.MemberStatus;
import io.headcount.domain.Violation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A roster file as an administrator uploads it to {@code POST /orgs/{org}/members:import}: CSV with a header row
 * or JSON {@code {"members": [...]}}, read into rows numbered as the user sees them (the CSV line a record starts
 * on, the position in the JSON list). What makes the whole file unusable is refused here, before anything is
 * read from the store; what is wrong with one row stays with that row.
 */
final class RosterFile {
    static final int MAX_ROWS = 5_000;
    /** The largest file taken; the rows limit usually bites first (5,000 rows of 400 bytes each). */
    static final int MAX_BYTES = 2 * 1024 * 1024;
    static final String USER_ID = "userId";
    static final List<String> COLUMNS = List.of(USER_ID, "name", "function", "projects", "status", "slack", "feishu",
            "dingtalk", "wecom");

    enum Format {
        CSV, JSON;

        /**
         * A member field as this format's users know it: a CSV column ({@code slack}, {@code projects}), or the
         * JSON field ({@code platformUserIds.slack}, {@code projects[1]}).
         */
        String field(String specField) {
            if (this == JSON) {
                return specField;
            }
            if (specField.startsWith("platformUserIds.")) {
                return specField.substring("platformUserIds.".length());
            }
            int bracket = specField.indexOf('[');
            return bracket < 0 ? specField : specField.substring(0, bracket);
        }

        /** The problem, with the list entry it concerns when the CSV column holds a whole list. */
        String message(String specField, String problem) {
            int bracket = specField.indexOf('[');
            if (this == JSON || bracket < 0) {
                return problem;
            }
            int index = Integer.parseInt(specField.substring(bracket + 1, specField.indexOf(']')));
            return "entry " + (index + 1) + " " + problem;
        }
    }

    /**
     * One row: its number, its userId as written, the member it describes, or what kept it from being read
     * ({@code problem}, with the spec then null).
     */
    record Row(int row, String userId, MemberSpec spec, Violation problem) {
    }

    record Rows(Format format, List<Row> rows) {
    }

    /** A member of the JSON form; status is ACTIVE when absent, as in the CSV form. */
    record ImportedMember(String userId, String name, String function, List<String> projects, String status,
            Map<String, String> platformUserIds) {
    }

    record ImportedRoster(List<JsonNode> members) {
    }

    private RosterFile() {
    }

    /** Reads the body as its content type says: {@code text/csv} or {@code application/json}, in UTF-8. */
    static Rows read(String contentType, byte[] body) {
        Format format = format(contentType);
        return format == Format.CSV ? csv(utf8(body)) : json(body);
    }

    private static Format format(String contentType) {
        if (contentType == null) {
            throw malformed("a roster file needs a Content-Type: text/csv or application/json");
        }
        String[] parts = contentType.split(";");
        String type = parts[0].strip().toLowerCase(Locale.ROOT);
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("charset=") && !parameter.replace("\"", "").equals("charset=utf-8")) {
                throw malformed("a roster file must be UTF-8");
            }
        }
        return switch (type) {
            case "text/csv" -> Format.CSV;
            case "application/json" -> Format.JSON;
            default -> throw malformed("a roster file is text/csv or application/json, not the Content-Type sent");
        };
    }

    private static String utf8(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            // Spreadsheets save "CSV UTF-8" with a byte order mark in front of the header.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw malformed("the body is not valid UTF-8");
        }
    }

    // ---- CSV ----

    private static Rows csv(String text) {
        try {
            Csv csv = new Csv(text);
            Csv.Record header = csv.next();
            if (header == null) {
                throw malformed("the file is empty: it needs a header row naming the columns, userId first or not");
            }
            List<String> columns = columns(header.fields());
            List<Row> rows = new ArrayList<>();
            for (Csv.Record record = csv.next(); record != null; record = csv.next()) {
                if (rows.size() == MAX_ROWS) {
                    throw tooManyRows();
                }
                rows.add(row(columns, record));
            }
            return new Rows(Format.CSV, rows);
        } catch (Csv.Malformed e) {
            throw malformed("not CSV: " + e.getMessage());
        }
    }

    /** The header's columns in their canonical spelling (names are matched ignoring case and spaces around). */
    private static List<String> columns(List<String> header) {
        List<String> columns = new ArrayList<>();
        List<Violation> unknown = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).strip();
            String column = COLUMNS.stream().filter(c -> c.equalsIgnoreCase(name)).findFirst().orElse(null);
            if (name.isEmpty()) {
                throw malformed("column " + (i + 1) + " of the header has no name");
            }
            if (column == null) {
                String shown = name.matches("[A-Za-z0-9_.-]{1,64}") ? name : "column " + (i + 1);
                unknown.add(new Violation(shown, "unknown column; the columns are " + COLUMNS));
            } else if (columns.contains(column)) {
                throw malformed("the header names column '" + column + "' twice");
            }
            columns.add(column);
        }
        if (!unknown.isEmpty()) {
            throw ApiError.invalid(unknown);
        }
        if (!columns.contains(USER_ID)) {
            throw malformed("the header has no userId column; the columns are " + COLUMNS);
        }
        return columns;
    }

    private static Row row(List<String> columns, Csv.Record record) {
        Map<String, String> cells = new HashMap<>();
        for (int i = 0; i < Math.min(columns.size(), record.fields().size()); i++) {
            String cell = record.fields().get(i).strip();
            cells.put(columns.get(i), cell.isEmpty() ? null : cell);
        }
        String userId = cells.get(USER_ID);
        if (record.fields().size() != columns.size()) {
            return new Row(record.line(), userId, null, new Violation("row", "has " + record.fields().size()
                    + " fields; the header has " + columns.size()));
        }
        List<String> projects = cells.get("projects") == null ? List.of()
                : Arrays.stream(cells.get("projects").split(";")).map(String::strip).filter(p -> !p.isEmpty())
                        .toList();
        Map<String, String> platformIds = new LinkedHashMap<>();
        for (String platform : List.of("slack", "feishu", "dingtalk", "wecom")) {
            if (cells.get(platform) != null) {
                platformIds.put(platform, cells.get(platform));
            }
        }
        String status = cells.get("status");
        MemberSpec spec = new MemberSpec(cells.get("name"), cells.get("function"), projects, platformIds,
                status == null ? MemberStatus.ACTIVE.name() : status);
        return new Row(record.line(), userId, spec, null);
    }

    // ---- JSON ----

    private static Rows json(byte[] body) {
        ImportedRoster roster = Json.convert(Json.tree(body), ImportedRoster.class);
        if (roster.members() == null) {
            throw new ApiError(ErrorCode.INVALID_INPUT, "'members' is required: a list of members");
        }
        if (roster.members().size() > MAX_ROWS) {
            throw tooManyRows();
        }
        List<Row> rows = new ArrayList<>();
        Iterator<JsonNode> members = roster.members().iterator();
        for (int i = 1; members.hasNext(); i++) {
            JsonNode node = members.next();
            ImportedMember m = Json.convert(node == null ? NullNode.getInstance() : node, ImportedMember.class);
            if (m == null) {
                throw new ApiError(ErrorCode.INVALID_INPUT, "members[" + (i - 1) + "] must be an object");
            }
            MemberSpec spec = new MemberSpec(m.name(), m.function(), m.projects(), m.platformUserIds(),
                    m.status() == null ? MemberStatus.ACTIVE.name() : m.status());
            rows.add(new Row(i, m.userId(), spec, null));
        }
        return new Rows(Format.JSON, rows);
    }

    private static ApiError tooManyRows() {
        return new ApiError(ErrorCode.PAYLOAD_TOO_LARGE, "a roster file has at most " + MAX_ROWS
                + " rows; split it and import the parts one after another");
    }

    private static ApiError malformed(String message) {
        return new ApiError(ErrorCode.MALFORMED_REQUEST, message);
    }
}
