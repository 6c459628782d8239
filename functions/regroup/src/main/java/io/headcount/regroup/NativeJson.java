package io.headcount.regroup;

import io.headcount.domain.GroupKind;
import io.headcount.domain.PlanOperation;
import io.headcount.domain.RegroupPlan;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * regroup's JSON types, registered for reflection so Jackson may bind them in a native image too (the error body
 * and the API Gateway event are registered by the adapters): plans and their operations as answered and stored,
 * the plan listing, and the weekly run's report, which Funqy writes. Domain types are listed here because
 * functions/domain stays free of Quarkus. infra/native-check derives the list from the code and checks the native
 * build registers every one.
 */
@RegisterForReflection(targets = {OperationView.class, PlanView.class, PlanView.Page.class, RegroupReport.class,
        RegroupReport.Failure.class, GroupKind.class, PlanOperation.Op.class, PlanOperation.Reason.class,
        RegroupPlan.Unsettled.class})
final class NativeJson {
    private NativeJson() {
    }
}
