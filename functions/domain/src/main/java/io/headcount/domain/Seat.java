package io.headcount.domain;

import java.time.Instant;

/**
 * A member's seat in a group, with how it was given: the group the member asked for and the outcome then, so a
 * retried join can give the same answer.
 */
public record Seat(String groupId, String userId, SeatRole role, String requestedGroup, Outcome outcome,
        Instant joinedAt) {
}
