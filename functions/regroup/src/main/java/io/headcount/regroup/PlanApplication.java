package io.headcount.regroup;

import io.headcount.adapters.ApiError;
import io.headcount.adapters.ErrorCode;
import io.headcount.adapters.Json;
import io.headcount.adapters.Table;
import io.headcount.adapters.Write;
import io.headcount.domain.PlanOperation;
import io.headcount.domain.Violation;
import io.headcount.seating.GroupArchive;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
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
    private static final String CONFLICTED = "TransactionConflict";
    /** Tries of a step cancelled only because another transaction held one of its items at that moment. */
    private static final int ATTEMPTS = 3;

    private final Table table;
    private final PlanStore plans;
    private final OrgSnapshots snapshots;
    private final GroupArchive archive;
    private final Clock clock = Clock.systemUTC();

    PlanApplication(Table table, PlanStore plans, OrgSnapshots snapshots, GroupArchive archive) {
        this.table = table;
        this.archive = archive;
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
            boolean fits = state.snapshot().fingerprint().equals(plan.fingerprint());
            if (!fits || !plans.start(org, plan.planId(), clock.instant())) {
                // Started by a concurrent apply (whose first steps may be what changed the org)? Go on with it,
                // from what it has done by now.
                plan = plans.plan(org, plan.planId()).orElseThrow();
                if (plan.status() == StoredPlan.Status.PROPOSED) {
                    throw new ApiError(ErrorCode.STALE_PLAN, "the org has changed since plan " + plan.planId()
                            + " was made; make a new plan");
                }
                if (plan.status() == StoredPlan.Status.APPLIED) {
                    return plan;
                }
                state = snapshots.read(org, clock.instant());
            }
        }
        long started = System.nanoTime();
        int resumedAt = plan.stepsDone();
        int overtaken = 0;
        Steps steps = new Steps(org, state, plan);
        for (int index = plan.stepsDone(); index < operations.size(); index++) {
            if (!write(org, plan, index, operations.get(index), steps)) {
                // A concurrent apply did this step first: skip to where it is, with the org as it left it.
                overtaken++;
                plan = plans.plan(org, plan.planId()).orElseThrow();
                if (plan.status() == StoredPlan.Status.APPLIED) {
                    return plan;
                }
                index = Math.max(index, plan.stepsDone() - 1);
                steps = new Steps(org, snapshots.read(org, clock.instant()), plan);
            }
        }
        // Whoever waited for a group the plan archived waits no more (as when an admin archives it); repeated by a
        // resumed apply until the plan is finished.
        operations.stream().filter(o -> o.op() == PlanOperation.Op.ARCHIVE_GROUP)
                .forEach(o -> archive.dropQueue(org, o.groupId()));
        plans.finish(org, plan.planId(), clock.instant());
        LOG.info(Json.write(Map.of("event", "plan-applied", "org", org, "planId", plan.planId(),
                "steps", operations.size(), "resumedAt", resumedAt, "overtaken", overtaken,
                "ms", (System.nanoTime() - started) / 1_000_000)));
        return plans.plan(org, plan.planId()).orElseThrow();
    }

    /**
     * Step {@code index} as one transaction with its marker and the header's count; false when its marker was
     * there already (the step was done before).
     */
    private boolean write(String org, StoredPlan plan, int index, PlanOperation operation, Steps steps) {
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
        for (int attempt = 1; ; attempt++) {
            try {
                table.transact(writes);
                step.done().run();
                return true;
            } catch (TransactionCanceledException e) {
                List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).toList();
                int failed = codes.indexOf(CHECK_FAILED);
                if (failed == 0) {
                    return false;
                }
                if (failed < 0 && codes.contains(CONFLICTED) && attempt < ATTEMPTS) {
                    pause(attempt); // another transaction held one of these items: try again
                    continue;
                }
                throw stepFailed(index, operation, failed == 1 ? "the plan is not being applied any more"
                        : failed > 1 ? step.requirements().get(failed - 2)
                        : "concurrent changes to the same records; apply again");
            } catch (SdkException e) {
                throw new ApiError(ErrorCode.STORE_UNAVAILABLE, "the store became unavailable at step " + index
                        + " of the plan; the steps before it are done, apply again to resume");
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 50L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static ApiError stepFailed(int index, PlanOperation operation, String why) {
        return new ApiError(ErrorCode.CONFLICT, "step " + index + " (" + operation.op() + ") cannot be applied: "
                + why + "; the steps before it are done", List.of(new Violation("operations[" + index + "]", why)));
    }
}
