package io.headcount.regroup;

import io.headcount.adapters.ApiError;
import io.headcount.adapters.ErrorCode;
import io.headcount.adapters.Json;
import io.headcount.adapters.Table;
import io.headcount.adapters.Write;
import io.headcount.domain.PlanOperation;
import io.headcount.domain.Violation;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Applies a stored plan as {@code Regroup.apply} describes it, one operation at a time, each as one DynamoDB
 * transaction that also writes the step's marker only if absent: a step is done exactly once however often applying
 * is started, stopped or crashes, and applying again resumes at the first step not done.
 */
@ApplicationScoped
class PlanApplication {
    private static final Logger LOG = Logger.getLogger("headcount.regroup");
    private static final String CHECK_FAILED = "ConditionalCheckFailed";

    private final Table table;
    private final PlanStore plans;
    private final OrgSnapshots snapshots;
    private final Clock clock = Clock.systemUTC();

    PlanApplication(Table table, PlanStore plans, OrgSnapshots snapshots) {
        this.table = table;
        this.plans = plans;
        this.snapshots = snapshots;
    }

    /**
     * Applies {@code plan} (whose operations are {@code operations}) and answers it as kept afterwards. A PROPOSED
     * plan is applied only while the org is as it was planned from; an APPLYING one resumes; an APPLIED one is
     * answered as it is, with nothing written.
     *
     * @param fresh the org as just read, or null to read it here
     * @throws ApiError 409 STALE_PLAN when the org changed since the plan was made (nothing written); 409 CONFLICT
     *                  naming the step that could not be applied and why (the steps before it stay done)
     */
    StoredPlan apply(String org, StoredPlan plan, List<PlanOperation> operations, OrgState fresh) {
        if (plan.status() == StoredPlan.Status.APPLIED) {
            return plan;
        }
        OrgState state = fresh != null ? fresh : snapshots.read(org, clock.instant());
        if (plan.status() == StoredPlan.Status.PROPOSED) {
            if (!state.snapshot().fingerprint().equals(plan.fingerprint())) {
                throw new ApiError(ErrorCode.STALE_PLAN, "the org has changed since plan " + plan.planId()
                        + " was made; make a new plan");
            }
            if (!plans.start(org, plan.planId(), clock.instant())) {
                plan = plans.plan(org, plan.planId()).orElseThrow(); // started by a concurrent apply: resume
                if (plan.status() == StoredPlan.Status.APPLIED) {
                    return plan;
                }
            }
        }
        long started = System.nanoTime();
        int done = plan.stepsDone();
        int skipped = 0;
        Steps steps = new Steps(org, state, plan);
        for (int index = done; index < operations.size(); index++) {
            PlanOperation operation = operations.get(index);
            Steps.Step step;
            try {
                step = steps.of(index, operation);
            } catch (Steps.Unfit e) {
                throw stepFailed(index, operation, e.getMessage());
            }
            List<Write> writes = new ArrayList<>();
            writes.add(PlanStore.stepMarker(org, plan.planId(), index, operation, clock.instant()));
            writes.add(PlanStore.stepCounted(org, plan.planId()));
            writes.addAll(step.writes());
            try {
                table.transact(writes);
                step.done().run();
            } catch (TransactionCanceledException e) {
                int failed = firstFailed(e.cancellationReasons());
                if (failed == 0) {
                    // Done before, by a concurrent apply of this plan: what we know of the org is behind it now.
                    skipped++;
                    steps = new Steps(org, snapshots.read(org, clock.instant()), plan);
                    continue;
                }
                String why = failed == 1 ? "the plan is not being applied any more"
                        : failed > 1 ? step.requirements().get(failed - 2)
                        : "a concurrent change to the same records; apply again";
                throw stepFailed(index, operation, why);
            } catch (SdkException e) {
                throw new ApiError(ErrorCode.STORE_UNAVAILABLE, "the store became unavailable at step " + index
                        + " of " + operations.size() + "; the steps before it are done, apply again to resume");
            }
        }
        plans.finish(org, plan.planId(), clock.instant());
        LOG.info(Json.write(Map.of("event", "plan-applied", "org", org, "planId", plan.planId(),
                "steps", operations.size(), "resumedAt", done, "doneBefore", skipped,
                "ms", (System.nanoTime() - started) / 1_000_000)));
        return plans.plan(org, plan.planId()).orElseThrow();
    }

    private static int firstFailed(List<CancellationReason> reasons) {
        for (int i = 0; i < reasons.size(); i++) {
            if (CHECK_FAILED.equals(reasons.get(i).code())) {
                return i;
            }
        }
        return -1;
    }

    private static ApiError stepFailed(int index, PlanOperation operation, String why) {
        return new ApiError(ErrorCode.CONFLICT, "step " + index + " (" + operation.op() + ") cannot be applied: "
                + why + "; the steps before it are done", List.of(new Violation("operations[" + index + "]", why)));
    }
}
