package io.headcount.domain;

/** What a full group does with the next joiner. */
public enum OverflowMode {
    /** Send the joiner to the emptiest sibling with a free seat, or deny when the pool is full. */
    REDIRECT,
    /** Like REDIRECT, but open a new group in the pool when every sibling is full. */
    OPEN_OVERFLOW,
    /** Queue the joiner; the next seat freed goes to the head of the queue. */
    WAITLIST,
    DENY;

    boolean usesPool() {
        return this == REDIRECT || this == OPEN_OVERFLOW;
    }
}
