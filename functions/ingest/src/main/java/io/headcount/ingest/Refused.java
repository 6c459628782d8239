package io.headcount.ingest;

/** One event cannot be kept; its reason goes back to the caller (never message text: the caller has that). */
final class Refused extends RuntimeException {

    Refused(String reason) {
        super(reason, null, false, false);
    }
}
