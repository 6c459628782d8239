package io.headcount.regroup;

import io.headcount.adapters.Attrs;
import io.headcount.domain.RegroupPlan;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A plan as answered: its status, what it would achieve and, in order, its operations. {@code stepsDone} appears
 * once applying has started; {@code operations} is left out of listings.
 */
record PlanView(String planId, String status, String createdAt, int steps, Integer stepsDone,
        Map<String, Integer> counts, int moves, int lowerBound, List<RegroupPlan.Unsettled> unsettled,
        String startedAt, String appliedAt, List<OperationView> operations) {

    static PlanView of(StoredPlan p, List<OperationView> operations) {
        return new PlanView(p.planId(), p.status().name(), time(p.createdAt()), p.steps(),
                p.status() == StoredPlan.Status.PROPOSED ? null : p.stepsDone(), p.counts(), p.moves(),
                p.lowerBound(), p.unsettled(), time(p.startedAt()), time(p.appliedAt()), operations);
    }

    static PlanView summary(StoredPlan p) {
        return of(p, null);
    }

    private static String time(Instant at) {
        return at == null ? null : Attrs.time(at).s();
    }

    /** One page of an org's plans, newest first; {@code next} is absent on the last page. */
    record Page(List<PlanView> plans, String next) {
    }
}
