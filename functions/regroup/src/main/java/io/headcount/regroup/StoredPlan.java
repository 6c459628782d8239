package io.headcount.regroup;

import io.headcount.domain.OrgSnapshot;
import io.headcount.domain.PlanOperation;
import io.headcount.domain.RegroupPlan;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plan's header as kept: what it is made from and of, and how far applying it has come. Its operations are kept
 * beside it in chunks.
 *
 * @param createdAt  the time of the snapshot the plan was made from: flags and moves are recorded at it
 * @param steps      operations in the plan
 * @param counts     operations of each kind
 * @param overCap    the steps at which the plan itself takes a group above its cap (moving members in before
 *                   others out), with the members the group has then: elsewhere a step needs room below the cap
 * @param stepsDone  operations applied so far (always the first ones: steps are applied in order, each once)
 */
record StoredPlan(String planId, Status status, String fingerprint, Instant createdAt, int steps,
        Map<String, Integer> counts, int moves, int lowerBound, List<RegroupPlan.Unsettled> unsettled, int chunks,
        Map<Integer, Integer> overCap, int stepsDone, Instant startedAt, Instant appliedAt) {

    /** The members group {@code to} may have after step {@code index}: its cap, unless the plan goes above it. */
    int room(int index, int cap) {
        return overCap.getOrDefault(index, cap);
    }

    /**
     * The steps of {@code plan} that take a group above its cap, counting from the snapshot it was made from, with
     * the members the group has after them.
     */
    static Map<Integer, Integer> overCap(OrgSnapshot snapshot, RegroupPlan plan) {
        Map<String, Integer> caps = new HashMap<>();
        snapshot.groups().forEach(g -> caps.put(g.groupId(), g.cap()));
        Map<String, Integer> members = new HashMap<>();
        snapshot.memberships().forEach(m -> members.merge(m.groupId(), 1, Integer::sum));
        Map<Integer, Integer> over = new TreeMap<>();
        List<PlanOperation> operations = plan.operations();
        for (int i = 0; i < operations.size(); i++) {
            PlanOperation o = operations.get(i);
            switch (o.op()) {
                case CREATE_GROUP -> caps.put(o.groupId(), o.cap());
                case REMOVE -> members.merge(o.from(), -1, Integer::sum);
                case MOVE, ADD -> {
                    if (o.from() != null) {
                        members.merge(o.from(), -1, Integer::sum);
                    }
                    int after = members.merge(o.to(), 1, Integer::sum);
                    if (after > caps.getOrDefault(o.to(), Integer.MAX_VALUE)) {
                        over.put(i, after);
                    }
                }
                default -> {
                }
            }
        }
        return over;
    }

    enum Status {
        /** Made and kept for an admin to review. */
        PROPOSED,
        /** Applying has started (and may have stopped half-way: applying again resumes). */
        APPLYING,
        /** Every step is done. */
        APPLIED
    }
}
