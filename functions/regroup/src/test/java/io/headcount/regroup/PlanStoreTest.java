package io.headcount.regroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.Membership;
import io.headcount.domain.OrgSnapshot;
import io.headcount.domain.OverflowMode;
import io.headcount.domain.PlanOperation;
import io.headcount.domain.PlanOperation.Reason;
import io.headcount.domain.Policy;
import io.headcount.domain.RegroupPlan;
import io.headcount.domain.SeatRole;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plans of big orgs are kept in chunks well under DynamoDB's item limit and read back whole, in order. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class PlanStoreTest extends StoreTest {
    @Inject
    PlanStore plans;

    static Group group(String id, int cap, int members) {
        return new Group(id, "华东客户维护群 " + id, GroupKind.FUNCTION, "customer-maintenance", cap, 5, List.of(),
                members, 0, GroupStatus.ACTIVE, null, OverflowMode.OPEN_OVERFLOW, null, null);
    }

    @Test
    void aPlanOfThousandsOfStepsIsKeptInChunksAndReadBackWhole() {
        String org = Fixtures.newOrg("chunks");
        List<PlanOperation> ops = new ArrayList<>();
        for (int g = 0; g < 500; g++) {
            String id = String.format("customer-maintenance-east-%04d", g);
            ops.add(PlanOperation.create(group(id, 15, 0), Reason.SPLIT));
            for (int u = 0; u < 10; u++) {
                ops.add(PlanOperation.move(String.format("member.with.a.long.name.%04d.%02d", g, u),
                        "customer-maintenance-east", id, Reason.SPLIT));
            }
        }
        OrgSnapshot snapshot = new OrgSnapshot(Policy.DEFAULT, Instant.parse("2026-11-30T02:00:00Z"), List.of(),
                List.of(group("customer-maintenance-east", 15, 0)), List.of(), List.of());
        StoredPlan kept = plans.save(org, new RegroupPlan(snapshot.fingerprint(), ops, 5000, 5000, List.of()),
                snapshot);
        assertEquals(5500, kept.steps());
        assertTrue(kept.chunks() > 5, "chunks: " + kept.chunks());
        for (var chunk : table.queryAll(Keys.planPartition(org, kept.planId()), Keys.planOperationsPrefix(), false)) {
            int bytes = Attrs.str(chunk, "operations").getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes <= PlanStore.CHUNK_BYTES, "a chunk of " + bytes + " bytes");
        }
        StoredPlan read = plans.plan(org, kept.planId()).orElseThrow();
        assertEquals(kept, read);
        assertEquals(ops, plans.operations(org, read));
        assertEquals(Map.of("CREATE_GROUP", 500, "MOVE", 5000), read.counts());
        assertEquals("20261130T020000", kept.planId().substring(0, 15));
    }

    @Test
    void theSamePlanOfTheSameSnapshotIsKeptOnce() {
        String org = Fixtures.newOrg("once");
        OrgSnapshot snapshot = new OrgSnapshot(Policy.DEFAULT, Instant.parse("2026-11-30T02:00:00Z"), List.of(),
                List.of(group("a", 3, 3)), List.of(new Membership("a", "u1", SeatRole.MEMBER)), List.of());
        RegroupPlan plan = new RegroupPlan(snapshot.fingerprint(), List.of(PlanOperation.flag("u1")), 0, 0,
                List.of());
        StoredPlan first = plans.save(org, plan, snapshot);
        assertEquals(first, plans.save(org, plan, snapshot));
        assertEquals(1, table.queryAll(Keys.plans(org), Keys.planPrefix(), false).size());
        StoredPlan other = plans.save(org, new RegroupPlan(snapshot.fingerprint(), List.of(), 0, 0, List.of()),
                snapshot);
        assertTrue(!other.planId().equals(first.planId()), "another plan of the same second has another id");
    }

    @Test
    void aPlanThatFillsAGroupAboveItsCapSaysWhereAndByHowMuch() {
        OrgSnapshot s = new OrgSnapshot(Policy.DEFAULT, Instant.now(), List.of(),
                List.of(group("a", 2, 2), group("b", 5, 1)),
                List.of(new Membership("a", "u1", SeatRole.MEMBER), new Membership("a", "u2", SeatRole.MEMBER),
                        new Membership("b", "u3", SeatRole.MEMBER)), List.of());
        RegroupPlan plan = new RegroupPlan(s.fingerprint(), List.of(
                PlanOperation.move("u3", "b", "a", Reason.FILL),
                PlanOperation.add("u4", "a", Reason.UNGROUPED),
                PlanOperation.remove("u1", "a", Reason.LEFT),
                PlanOperation.move("u2", "a", "b", Reason.FILL),
                PlanOperation.add("u5", "a", Reason.UNGROUPED)), 0, 0, List.of());
        assertEquals(Map.of(0, 3, 1, 4, 4, 3), StoredPlan.overCap(s, plan));
    }
}
