package io.headcount.admin;

import java.util.List;

/**
 * What a roster import did: {@code rows} read, {@code upserted} (created or changed), {@code unchanged} (already
 * as the file says), {@code skipped} (not written because of the errors listed; at most {@link #MAX_ERRORS} of
 * those are listed).
 */
public record ImportAnswer(int rows, int upserted, int unchanged, int skipped, List<RowError> errors) {
    static final int MAX_ERRORS = 1_000;

    /** One problem of one row; {@code userId} is absent when the row has none that could be shown. */
    public record RowError(int row, String userId, String field, String message) {
    }
}
