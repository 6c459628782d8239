package io.headcount.domain;

import java.util.List;

/**
 * What regroup proposes for one org, in the order it is applied: groups are opened first, then members are removed,
 * moved and added, flagged and appointed, and emptied groups archived last.
 *
 * @param fingerprint the snapshot's {@link OrgSnapshot#fingerprint()}: applying is refused once the org differs
 * @param moves       balancing moves in the plan
 * @param lowerBound  the fewest balancing moves any plan could make for this snapshot
 * @param unsettled   groups left outside [minSize, cap] and why (members that may not move)
 */
public record RegroupPlan(String fingerprint, List<PlanOperation> operations, int moves, int lowerBound,
        List<Unsettled> unsettled) {

    public RegroupPlan {
        operations = List.copyOf(operations);
        unsettled = List.copyOf(unsettled);
    }

    public boolean isEmpty() {
        return operations.isEmpty();
    }

    /** A group the plan could not bring within its size range, with its size afterwards. */
    public record Unsettled(String groupId, int members, String reason) {
    }
}
