package io.headcount.regroup;

import io.headcount.domain.OrgSnapshot;
import java.time.Instant;
import java.util.Map;

/**
 * An org as regroup read it: the snapshot plans are made from, and what the store must know about each seat to move
 * it (the pool seat it holds and when it was given), keyed by group and member.
 */
record OrgState(OrgSnapshot snapshot, Map<SeatKey, SeatFacts> seats) {

    OrgState {
        seats = Map.copyOf(seats);
    }

    record SeatKey(String groupId, String userId) {
    }

    /**
     * @param pool the partition of the seat's pool seat, {@code SeatItems.NO_POOL_SEAT} when it has none, or null for
     *             seats written before seats recorded their pool (they hold their group's pool seat)
     * @param at   when the seat was given, or null when it does not say
     */
    record SeatFacts(String pool, Instant at) {
    }
}
