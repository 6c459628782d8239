package io.headcount.regroup;

import io.headcount.adapters.ApiError;
import io.headcount.adapters.Json;
import io.headcount.adapters.Metrics;
import io.headcount.adapters.Table;
import io.headcount.domain.OrgSnapshot;
import io.headcount.domain.PlanOperation;
import io.headcount.domain.Regroup;
import io.headcount.domain.RegroupPlan;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/** Makes plans from the org as it is, keeps them, applies them, and the weekly run over every org. */
@ApplicationScoped
class Regrouping {
    private static final Logger LOG = Logger.getLogger("headcount.regroup");

    private final OrgSnapshots snapshots;
    private final PlanStore plans;
    private final PlanApplication application;
    private final Table table;
    private final Clock clock = Clock.systemUTC();

    Regrouping(OrgSnapshots snapshots, PlanStore plans, PlanApplication application, Table table) {
        this.snapshots = snapshots;
        this.plans = plans;
        this.application = application;
        this.table = table;
    }

    /** A plan of the org as it is now, kept as PROPOSED. */
    PlanView propose(String org) {
        return view(proposed(org, snapshots.read(org, clock.instant())));
    }

    /** A plan of the org as it is now, applied at once. */
    PlanView proposeAndApply(String org) {
        OrgState state = snapshots.read(org, clock.instant());
        Proposed made = proposed(org, state);
        return view(new Proposed(application.apply(org, made.plan(), made.operations(), state), made.operations()));
    }

    /** Applies a kept plan (or resumes applying it). */
    PlanView apply(String org, String planId) {
        StoredPlan plan = kept(org, planId);
        List<PlanOperation> operations = plans.operations(org, plan);
        return view(new Proposed(application.apply(org, plan, operations, null), operations));
    }

    PlanView plan(String org, String planId) {
        StoredPlan plan = kept(org, planId);
        return view(new Proposed(plan, plans.operations(org, plan)));
    }

    PlanView.Page plans(String org, String after) {
        return plans.page(org, after);
    }

    private StoredPlan kept(String org, String planId) {
        if (!PlanStore.PLAN_ID.matcher(planId).matches()) {
            throw ApiError.notFound("plan"); // not one of ours, and not repeated back
        }
        return plans.plan(org, planId).orElseThrow(() -> ApiError.notFound("plan " + planId));
    }

    private record Proposed(StoredPlan plan, List<PlanOperation> operations) {
    }

    private Proposed proposed(String org, OrgState state) {
        RegroupPlan plan = plan(org, state.snapshot());
        return new Proposed(plans.save(org, plan, state.snapshot()), plan.operations());
    }

    /**
     * The plan, made twice when it moves anyone: interactions are costly to read, so they are read only for the
     * groups the first plan (made without them) moves people out of or into, and the plan is made again with them.
     */
    RegroupPlan plan(String org, OrgSnapshot snapshot) {
        long planning = System.nanoTime();
        RegroupPlan plan = planWithInteractions(org, snapshot);
        Metrics.millis("PlanMillis", (System.nanoTime() - planning) / 1_000_000.0);
        Metrics.count("PlanOperations", plan.operations().size());
        Metrics.count("PlanMoves", plan.moves());
        return plan;
    }

    private RegroupPlan planWithInteractions(String org, OrgSnapshot snapshot) {
        RegroupPlan first = Regroup.plan(snapshot);
        TreeSet<String> touched = new TreeSet<>();
        first.operations().stream().filter(o -> o.op() == PlanOperation.Op.MOVE)
                .forEach(o -> touched.addAll(List.of(o.from(), o.to())));
        // Groups the plan opens have no messages yet.
        touched.retainAll(snapshot.groups().stream().map(g -> g.groupId()).toList());
        if (touched.isEmpty()) {
            return first;
        }
        return Regroup.plan(new OrgSnapshot(snapshot.policy(), snapshot.now(), snapshot.members(), snapshot.groups(),
                snapshot.memberships(), snapshots.interactions(org, touched, snapshot.now())));
    }

    private static PlanView view(Proposed p) {
        return PlanView.of(p.plan(), p.operations().stream().map(OperationView::of).toList());
    }

    /**
     * The weekly run: a plan for every org, kept; applied too where the org's policy says autoApply. One org failing
     * is reported and the others go on.
     */
    RegroupReport runWeekly() {
        long started = System.nanoTime();
        List<String> orgs = new ArrayList<>();
        table.eachOrg(orgs::add);
        int made = 0;
        int operations = 0;
        int applied = 0;
        List<RegroupReport.Failure> failures = new ArrayList<>();
        for (String org : orgs) {
            try {
                OrgState state = snapshots.read(org, clock.instant());
                Proposed plan = proposed(org, state);
                made++;
                operations += plan.operations().size();
                if (state.snapshot().policy().autoApply()) {
                    application.apply(org, plan.plan(), plan.operations(), state);
                    applied++;
                }
            } catch (RuntimeException e) {
                String error = e instanceof ApiError api ? api.code().name() : e.getClass().getSimpleName();
                LOG.error(Json.write(Map.of("event", "regroup-failed", "org", org, "error", error)));
                failures.add(new RegroupReport.Failure(org, error));
            }
        }
        RegroupReport report = new RegroupReport(RegroupFunction.WEEKLY, orgs.size(), made, operations, applied,
                failures, (System.nanoTime() - started) / 1_000_000);
        Metrics.count("PlansApplied", applied);
        Metrics.count("RegroupFailures", failures.size());
        LOG.info(Json.write(report));
        return report;
    }
}
