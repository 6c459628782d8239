package io.headcount.regroup;

import io.headcount.domain.GroupKind;
import io.headcount.domain.PlanOperation;

/**
 * One operation of a plan as answered and as stored in the plan's chunks: the fields its kind uses (see
 * {@link PlanOperation}), the others left out.
 */
record OperationView(PlanOperation.Op op, String userId, String groupId, String from, String to,
        PlanOperation.Reason reason, String name, GroupKind kind, String key, Integer cap, Integer minSize,
        String overflowOf) {

    static OperationView of(PlanOperation o) {
        return new OperationView(o.op(), o.userId(), o.groupId(), o.from(), o.to(), o.reason(), o.name(), o.kind(),
                o.key(), o.cap(), o.minSize(), o.overflowOf());
    }

    PlanOperation operation() {
        return new PlanOperation(op, userId, groupId, from, to, reason, name, kind, key, cap, minSize, overflowOf);
    }
}
