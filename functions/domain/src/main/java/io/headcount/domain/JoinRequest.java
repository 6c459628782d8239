package io.headcount.domain;

import java.util.List;

/**
 * Everything a join decision depends on.
 *
 * @param member        the joiner, or null when not on the roster
 * @param alreadyMember whether the joiner already has a seat in {@code group}
 * @param pool          every group of the same kind and key, {@code group} included; may be empty when
 *                      {@link Admission#needsPool(Group)} is false
 */
public record JoinRequest(Group group, Member member, boolean alreadyMember, Policy policy, List<Group> pool) {

    public JoinRequest {
        pool = List.copyOf(pool);
    }
}
