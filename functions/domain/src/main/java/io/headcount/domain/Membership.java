package io.headcount.domain;

/** One member's seat in one group, as regroup sees it. */
public record Membership(String groupId, String userId, SeatRole role) {
}
