package io.headcount.adapters;

/** What a route answers: an HTTP status and a body to encode as JSON (or, for exports, text as it is). */
public record Reply(int status, Object body) {

    public static Reply ok(Object body) {
        return new Reply(200, body);
    }

    /** A body sent as it is, e.g. a CSV export: {@code contentType} names it. */
    public record Text(String contentType, String content) {
    }

    public static Reply text(String contentType, String content) {
        return new Reply(200, new Text(contentType, content));
    }
}
