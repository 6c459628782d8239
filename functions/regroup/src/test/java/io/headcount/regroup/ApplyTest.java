package io.headcount.regroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.adapters.Table;
import io.headcount.adapters.Write;
import io.headcount.domain.Membership;
import io.headcount.domain.OrgSnapshot;
import io.headcount.domain.PlanOperation;
import io.headcount.domain.Regroup;
import io.headcount.domain.RegroupPlan;
import io.headcount.domain.RosterEntry;
import io.headcount.seating.GroupArchive;
import io.headcount.seating.Seating;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Vetoed;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Applying a stored plan through the handler: the store ends as {@code Regroup.apply} says, a run killed half-way
 * resumes to exactly what a clean run gives, and every counter agrees with the items it counts.
 */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class ApplyTest extends StoreTest {
    @Inject
    RegroupFunction function;
    @Inject
    OrgSnapshots snapshots;
    @Inject
    PlanStore plans;
    @Inject
    Seating seating;
    @Inject
    PlanApplication application;

    Seeded seeded;

    @BeforeEach
    void setUp() {
        seeded = new Seeded(table, seating);
    }

    /** A Table that dies after {@code transactions} successful transactions, as a Lambda killed by its timeout. */
    @Vetoed
    static final class KilledAfter extends Table {
        private int left;

        KilledAfter(DynamoDbClient client, String name, int transactions) {
            super(client, name);
            this.left = transactions;
        }

        @Override
        public void transact(List<Write> writes) {
            if (left-- <= 0) {
                throw new IllegalStateException("killed");
            }
            super.transact(writes);
        }
    }

    record Kept(OrgSnapshot before, RegroupPlan plan, StoredPlan stored) {
    }

    /** The busy-quarter org, seeded, and its hand-made plan kept as PROPOSED at {@code at}. */
    Kept busyQuarterWithPlan(String org, Instant at) {
        seeded.busyQuarter(org);
        OrgSnapshot before = snapshots.read(org, at).snapshot();
        RegroupPlan plan = Seeded.busyQuarterPlan(before.fingerprint());
        Regroup.apply(before, plan); // the hand-made plan fits the org (throws otherwise)
        return new Kept(before, plan, plans.save(org, plan, before));
    }

    APIGatewayV2HTTPResponse apply(String org, String planId, String token) {
        APIGatewayV2HTTPEvent event = Api.event(RegroupFunction.REGROUP, Map.of("org", org), null, token);
        Map<String, String> query = new HashMap<>(Map.of("mode", "apply"));
        if (planId != null) {
            query.put("planId", planId);
        }
        event.setQueryStringParameters(query);
        return function.handle(event);
    }

    String admin(String org) {
        return StoreResource.tokens().mint("admin", org, "boss", 600);
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void aRunKilledHalfWayResumesToWhatACleanRunGives() {
        Instant at = now();
        String crashed = Fixtures.newOrg("crashed");
        String clean = Fixtures.newOrg("clean");
        Kept k = busyQuarterWithPlan(crashed, at);
        Kept c = busyQuarterWithPlan(clean, at);
        assertEquals(k.stored().planId(), c.stored().planId(), "same snapshot and operations, same plan id");
        List<PlanOperation> operations = k.plan().operations();
        assertTrue(operations.size() >= 20);
        assertEquals(7, operations.stream().map(PlanOperation::op).distinct().count(), "every kind of step");

        Table killing = new KilledAfter(client, table.name(), 10);
        PlanApplication dying = new PlanApplication(killing, new PlanStore(killing), new OrgSnapshots(killing),
                new GroupArchive(killing));
        assertThrows(IllegalStateException.class, () -> dying.apply(crashed, k.stored(), operations, null));
        StoredPlan halfWay = plans.plan(crashed, k.stored().planId()).orElseThrow();
        assertEquals(StoredPlan.Status.APPLYING, halfWay.status());
        assertEquals(10, halfWay.stepsDone());
        Invariants.hold(table, crashed); // every step is whole: counters agree even half-way

        JsonNode resumed = Api.body(apply(crashed, k.stored().planId(), admin(crashed)));
        assertEquals("APPLIED", resumed.get("status").asText(), resumed.toString());
        assertEquals(operations.size(), resumed.get("stepsDone").asInt());
        JsonNode straight = Api.body(apply(clean, c.stored().planId(), admin(clean)));
        assertEquals("APPLIED", straight.get("status").asText(), straight.toString());

        Invariants.hold(table, crashed);
        Invariants.hold(table, clean);
        List<String> crashedItems = Invariants.normalisedItems(client, table.name(), crashed);
        assertEquals(Invariants.normalisedItems(client, table.name(), clean), crashedItems);
        assertEquals(operations.size(), crashedItems.stream()
                .filter(i -> i.contains("SK=AttributeValue(S=STEP#")).count(), "one marker per step");
    }

    @Test
    void theStoreEndsAsRegroupApplySays() {
        Instant at = now();
        String org = Fixtures.newOrg("mirror");
        Kept kept = busyQuarterWithPlan(org, at);
        Map<String, String> seatTimes = new HashMap<>();
        for (String u : List.of("s8", "s19")) {
            seatTimes.put(u, Attrs.str(table.get(Keys.seat(org, u.equals("s8") ? "east" : "tiny", u)).orElseThrow(),
                    "at"));
        }
        APIGatewayV2HTTPResponse r = apply(org, kept.stored().planId(), admin(org));
        assertEquals(200, r.getStatusCode(), r.getBody());

        OrgSnapshot expected = Regroup.apply(kept.before(), kept.plan());
        OrgSnapshot actual = snapshots.read(org, at).snapshot();
        assertEquals(expected.groups().stream().sorted(Comparator.comparing(g -> g.groupId())).toList(),
                actual.groups().stream().sorted(Comparator.comparing(g -> g.groupId())).toList());
        assertEquals(sorted(expected.memberships()), sorted(actual.memberships()));
        assertEquals(roster(expected), roster(actual));
        assertEquals(expected.fingerprint(), actual.fingerprint());
        Invariants.hold(table, org);

        // Moving is not joining: a moved seat keeps the time it was given; a member added joins at the plan's time.
        assertEquals(seatTimes.get("s8"), Attrs.str(table.get(Keys.seat(org, "east-2", "s8")).orElseThrow(), "at"));
        assertEquals(seatTimes.get("s19"), Attrs.str(table.get(Keys.seat(org, "west", "s19")).orElseThrow(), "at"));
        assertEquals(at.toString(), Attrs.str(table.get(Keys.seat(org, "west", "s21")).orElseThrow(), "at"));
        var s8 = table.get(Keys.member(org, "s8")).orElseThrow();
        assertEquals(List.of(Attrs.time(at).s()), Attrs.strings(s8, "moves"), "a balancing move is counted");
        assertEquals(List.of(), Attrs.strings(table.get(Keys.member(org, "s5")).orElseThrow(), "moves"),
                "a move out of a function one no longer has is not counted against the member");
        assertEquals(Attrs.time(at).s(), Attrs.str(table.get(Keys.member(org, "s3")).orElseThrow(), "flaggedAt"));
        assertFalse(table.get(Keys.poolSeat(Keys.pool(org, io.headcount.domain.GroupKind.FUNCTION, "sales"), "s5"))
                .isPresent(), "s5 left the sales pool");
        assertEquals("care", Attrs.str(table.get(Keys.poolSeat(Keys.pool(org,
                io.headcount.domain.GroupKind.FUNCTION, "support"), "s5")).orElseThrow(), "groupId"));
        assertNotEquals(kept.before().fingerprint(), actual.fingerprint());
    }

    @Test
    void whoeverWaitedForAGroupThePlanArchivesWaitsNoMore() {
        Instant at = now();
        String org = Fixtures.newOrg("queued");
        seeded.busyQuarter(org);
        // tiny (s19, s20) fills up and queues s21; the plan empties and archives it, and adds s21 to west.
        seeded.recap(org, "tiny", 2);
        table.update(Write.update(Keys.group(org, "tiny"), "SET #overflow = :waitlist").value(":waitlist", "WAITLIST"));
        assertEquals("WAITLISTED", seating.join(org, "tiny", "s21").decision());
        OrgSnapshot before = snapshots.read(org, at).snapshot();
        RegroupPlan plan = Seeded.busyQuarterPlan(before.fingerprint());
        StoredPlan stored = plans.save(org, plan, before);

        APIGatewayV2HTTPResponse r = apply(org, stored.planId(), admin(org));
        assertEquals(200, r.getStatusCode(), r.getBody());
        var tiny = table.get(Keys.group(org, "tiny")).orElseThrow();
        assertEquals("ARCHIVED", Attrs.str(tiny, "status"));
        assertEquals(0, fx.storedGroup(org, "tiny").waitlist());
        assertEquals(List.of(), table.queryAll(Keys.groupPartition(org, "tiny"), Keys.queuePrefix(), false));
        assertEquals(List.of(), table.queryAll(Keys.groupPartition(org, "tiny"), Keys.queueTicketPrefix(), false));
        assertTrue(table.get(Keys.seat(org, "west", "s21")).isPresent(), "s21 sits in west");
        Invariants.hold(table, org);
    }

    @Test
    void aStepWhoseMarkerIsThereIsSkippedNotDoneAgain() {
        Instant at = now();
        String org = Fixtures.newOrg("marked");
        Kept kept = busyQuarterWithPlan(org, at);
        List<PlanOperation> operations = kept.plan().operations();
        Table killing = new KilledAfter(client, table.name(), 10);
        assertThrows(IllegalStateException.class, () -> new PlanApplication(killing, new PlanStore(killing),
                new OrgSnapshots(killing), new GroupArchive(killing)).apply(org, kept.stored(), operations, null));
        // An applier that believes nothing is done yet (it read the plan before the others started).
        StoredPlan s = kept.stored();
        StoredPlan stale = new StoredPlan(s.planId(), StoredPlan.Status.APPLYING, s.fingerprint(), s.createdAt(),
                s.steps(), s.counts(), s.moves(), s.lowerBound(), s.unsettled(), s.chunks(), s.overCap(), 0, null,
                null);
        StoredPlan done = application.apply(org, stale, operations, null);
        assertEquals(StoredPlan.Status.APPLIED, done.status());
        assertEquals(operations.size(), done.stepsDone(), "each step counted once");
        OrgSnapshot expected = Regroup.apply(kept.before(), kept.plan());
        OrgSnapshot actual = snapshots.read(org, at).snapshot();
        assertEquals(sorted(expected.memberships()), sorted(actual.memberships()));
        assertEquals(roster(expected), roster(actual));
        Invariants.hold(table, org);
    }

    @Test
    void twoAppliesOfOnePlanAtOnceDoEachStepOnce() throws Exception {
        Instant at = now();
        String org = Fixtures.newOrg("twice");
        Kept kept = busyQuarterWithPlan(org, at);
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<APIGatewayV2HTTPResponse>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(two.submit(() -> apply(org, kept.stored().planId(), admin(org))));
            }
            for (Future<APIGatewayV2HTTPResponse> run : runs) {
                APIGatewayV2HTTPResponse r = run.get(5, TimeUnit.MINUTES);
                assertEquals(200, r.getStatusCode(), r.getBody());
                assertEquals("APPLIED", Api.body(r).get("status").asText());
            }
        } finally {
            two.shutdownNow();
        }
        OrgSnapshot expected = Regroup.apply(kept.before(), kept.plan());
        OrgSnapshot actual = snapshots.read(org, at).snapshot();
        assertEquals(sorted(expected.memberships()), sorted(actual.memberships()));
        assertEquals(roster(expected), roster(actual));
        assertEquals(kept.plan().operations().size(), plans.plan(org, kept.stored().planId()).orElseThrow()
                .stepsDone());
        Invariants.hold(table, org);
    }

    static List<Membership> sorted(List<Membership> memberships) {
        return memberships.stream().sorted(Comparator.comparing(Membership::groupId)
                .thenComparing(Membership::userId)).toList();
    }

    /** The roster without lastActiveAt, which applying does not decide (it is read from activity and joins). */
    static List<RosterEntry> roster(OrgSnapshot s) {
        return s.members().stream().map(m -> new RosterEntry(m.userId(), m.function(), m.projects(), m.status(),
                Instant.EPOCH, m.flaggedAt(), m.moves())).sorted(Comparator.comparing(RosterEntry::userId)).toList();
    }
}
