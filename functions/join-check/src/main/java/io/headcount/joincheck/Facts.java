package io.headcount.joincheck;

import io.headcount.domain.Group;
import io.headcount.domain.Member;
import io.headcount.domain.Policy;
import io.headcount.domain.Seat;

/**
 * What one read of the table tells about a member and a group.
 *
 * @param waitSeq  the group's next queue ticket number
 * @param seat     the member's seat in this group, or null
 * @param seatPool the pool partition the seat's pool seat was written to, or null
 * @param ticket   the member's queue ticket for this group, or null
 */
record Facts(Group group, long waitSeq, Member member, Policy policy, Seat seat, String seatPool, Long ticket) {
}
