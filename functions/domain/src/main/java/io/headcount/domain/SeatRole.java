package io.headcount.domain;

/** A member's role inside one group. */
public enum SeatRole {
    MEMBER, ADMIN
}
