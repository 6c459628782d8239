package io.headcount.adapters;

/** What a route answers: an HTTP status and a body to encode as JSON. */
public record Reply(int status, Object body) {

    public static Reply ok(Object body) {
        return new Reply(200, body);
    }
}
