package io.headcount.domain;

public enum Outcome {
    ADMITTED, ALREADY_MEMBER, REDIRECTED, OVERFLOW_OPENED, WAITLISTED, DENIED;

    /** Outcomes that give the joiner a seat. */
    public boolean seats() {
        return this == ADMITTED || this == REDIRECTED || this == OVERFLOW_OPENED;
    }
}
