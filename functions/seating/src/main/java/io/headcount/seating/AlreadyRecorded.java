package io.headcount.seating;

import io.headcount.adapters.Write;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** The record written with a seat change (always last in its transaction) already existed: nothing changed. */
public final class AlreadyRecorded extends RuntimeException {

    AlreadyRecorded() {
        super("already recorded", null, false, false);
    }

    /** Throws when {@code record} took part in the cancelled transaction and its condition is what failed. */
    static void check(TransactionCanceledException e, Write record) {
        List<CancellationReason> reasons = e.cancellationReasons();
        if (record != null && !reasons.isEmpty()
                && "ConditionalCheckFailed".equals(reasons.get(reasons.size() - 1).code())) {
            throw new AlreadyRecorded();
        }
    }
}
