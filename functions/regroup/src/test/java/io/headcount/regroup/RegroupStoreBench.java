package io.headcount.regroup;

import io.headcount.adapters.Attrs;
import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.SeatItems;
import io.headcount.adapters.Table;
import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.MemberStatus;
import io.headcount.domain.OrgSnapshot;
import io.headcount.domain.Outcome;
import io.headcount.domain.OverflowMode;
import io.headcount.domain.Regroup;
import io.headcount.domain.RegroupPlan;
import io.headcount.domain.SeatRole;
import io.headcount.localkit.Emulator;
import io.headcount.localkit.LocalDefaults;
import io.headcount.localkit.LocalTable;
import io.headcount.localkit.TemplateModel;
import io.headcount.seating.GroupArchive;
import io.headcount.testing.RequestCounter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Regroup against the emulator: reading an org of many groups, then planning, keeping and applying a plan of
 * hundreds of steps, with wall time and DynamoDB requests by operation. The org has {@code quiet} groups of 12
 * within range and {@code over} groups of 20 whose cap is 10; a third argument {@code read-only} stops before
 * applying. Not a test: run from the project root with
 * {@code mvn -B -q -pl functions/regroup test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * "-Dexec.args=-cp %classpath io.headcount.regroup.RegroupStoreBench 50 10"} (with
 * {@code HEADCOUNT_MOTO_SCRIPT=infra/bench/moto-indexed} for reads that do not walk the whole table).
 */
public final class RegroupStoreBench {
    static final String ORG = "bench";
    static final int BARE = 20;

    public static void main(String[] args) {
        int quiet = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int over = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        boolean apply = args.length <= 2 || !args[2].equals("read-only");
        RequestCounter requests = new RequestCounter();
        try (Emulator emulator = Emulator.start()) {
            DynamoDbClient client = requests.client(emulator);
            LocalTable.ensure(client, TemplateModel.load(TemplateModel.projectRoot().resolve("template.yaml")),
                    LocalDefaults.TABLE_LOGICAL_ID, LocalDefaults.TABLE_NAME);
            Table table = new Table(client, LocalDefaults.TABLE_NAME);
            OrgSnapshots snapshots = new OrgSnapshots(table);
            PlanStore plans = new PlanStore(table);
            PlanApplication application = new PlanApplication(table, plans, snapshots, new GroupArchive(table));
            seed(client, quiet, over);
            requests.take();

            // Baseline: the emulator's own cost of a transaction on this table (it copies the table for each).
            long t0 = System.nanoTime();
            for (int i = 0; i < BARE; i++) {
                Map<String, AttributeValue> scratch = new HashMap<>(new Keys.Key("BENCH", "T#" + i).toMap());
                table.transact(List.of(io.headcount.adapters.Write.put(scratch).ifAbsent()));
            }
            double bare = (double) ms(t0) / BARE;
            requests.take();

            t0 = System.nanoTime();
            OrgState state = snapshots.read(ORG, Instant.now());
            long read = ms(t0);
            OrgSnapshot s = state.snapshot();
            System.out.printf("org: %d groups (%d over cap), %d members, %d seats%n", s.groups().size(), over,
                    s.members().size(), s.memberships().size());
            System.out.printf("read the org  %7d ms  %s%n", read, requests.take());

            t0 = System.nanoTime();
            RegroupPlan plan = Regroup.plan(s);
            System.out.printf("plan          %7d ms  %d operations, %d moves (bound %d)%n", ms(t0),
                    plan.operations().size(), plan.moves(), plan.lowerBound());

            t0 = System.nanoTime();
            StoredPlan kept = plans.save(ORG, plan, s);
            System.out.printf("keep the plan %7d ms  %s (%d chunks)%n", ms(t0), requests.take(), kept.chunks());
            if (!apply) {
                return;
            }
            t0 = System.nanoTime();
            StoredPlan applied = application.apply(ORG, kept, plan.operations(), state);
            long took = ms(t0);
            Map<String, Long> applyRequests = requests.take();
            if (applied.status() != StoredPlan.Status.APPLIED || applyRequests.containsKey("Scan")) {
                throw new AssertionError("not applied, or with a Scan: " + applied.status() + " " + applyRequests);
            }
            double perStep = (double) took / Math.max(1, plan.operations().size());
            System.out.printf("apply         %7d ms  %s (%.1f ms per step)%n", took, applyRequests, perStep);
            System.out.printf("baseline: a one-put transaction on the same table takes %.1f ms (a step is %.1fx)%n",
                    bare, perStep / bare);
        }
    }

    static long ms(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Groups, members, seats, pool seats and counters as joins leave them, written in batches. */
    static void seed(DynamoDbClient client, int quiet, int over) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        items.add(new HashMap<>(Keys.orgListing(ORG).toMap()));
        Instant joined = Instant.now().minusSeconds(86_400);
        String pool = Keys.pool(ORG, GroupKind.FUNCTION, "sales");
        for (int g = 0; g < quiet + over; g++) {
            boolean full = g >= quiet;
            String id = String.format("g%04d", g);
            int size = full ? 20 : 12;
            String admin = id + "-u00";
            items.add(GroupItems.item(ORG, new Group(id, "群 " + id, GroupKind.FUNCTION, "sales", full ? 10 : 15, 5,
                    List.of(admin), size, 0, GroupStatus.ACTIVE, null, OverflowMode.DENY, null, null)));
            for (int u = 0; u < size; u++) {
                String user = String.format("%s-u%02d", id, u);
                Map<String, AttributeValue> member = new HashMap<>(Keys.member(ORG, user).toMap());
                member.put("userId", Attrs.s(user));
                member.put("name", Attrs.s(user));
                member.put("function", Attrs.s("sales"));
                member.put("projects", Attrs.list(List.of()));
                member.put("status", Attrs.s(MemberStatus.ACTIVE.name()));
                member.put("groupCount", Attrs.n(1));
                items.add(member);
                items.add(SeatItems.seat(ORG, id, user, u == 0 ? SeatRole.ADMIN : SeatRole.MEMBER, id,
                        Outcome.ADMITTED, pool, joined));
                items.add(SeatItems.poolSeat(pool, id, user, id, Outcome.ADMITTED, joined));
            }
        }
        new Table(client, LocalDefaults.TABLE_NAME).putAll(items);
    }
}
