package io.headcount.adapters;

/** The error codes of the one error shape {@code {"error": CODE, "message": ...}}, each with its HTTP status. */
public enum ErrorCode {
    MALFORMED_REQUEST(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    /** A regroup plan made from an org that has changed since: plan again. */
    STALE_PLAN(409),
    PAYLOAD_TOO_LARGE(413),
    INVALID_INPUT(422),
    INTERNAL(500),
    STORE_UNAVAILABLE(503);

    private final int status;

    ErrorCode(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
