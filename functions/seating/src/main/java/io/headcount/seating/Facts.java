package io.headcount.seating;

import io.headcount.domain.Group;
import io.headcount.domain.Member;
import io.headcount.domain.Policy;
import io.headcount.domain.Seat;

/**
 * What one read of the table tells about a member and a group.
 *
 * @param seat     the member's seat in this group, or null
 * @param seatPool the pool partition the seat's pool seat was written to, or null
 * @param ticket   the sort key of the member's queue entry for this group, or null
 * @param versions the administrative versions of the group, member and policy as read
 */
record Facts(Group group, Member member, Policy policy, Seat seat, String seatPool, String ticket, Versions versions) {

    /** {@code policy} is -1 when the org has no policy item (it runs on the defaults). */
    record Versions(long group, long member, long policy) {
    }
}
