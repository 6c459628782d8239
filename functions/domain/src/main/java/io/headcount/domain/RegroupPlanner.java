package io.headcount.domain;

/** Work in progress: the planner behind {@link Regroup#plan}. */
final class RegroupPlanner {
    private final OrgSnapshot snapshot;

    RegroupPlanner(OrgSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    RegroupPlan plan() {
        throw new UnsupportedOperationException("the regroup planner is not written yet");
    }
}
