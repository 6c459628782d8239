package io.headcount.regroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Keys;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OrgSnapshot;
import io.headcount.domain.PlanOperation;
import io.headcount.domain.PlanOperation.Reason;
import io.headcount.domain.RegroupPlan;
import io.headcount.seating.Seating;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The regroup routes: who may call them, what bad requests get, and plans kept, listed, refused and resumed. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class RegroupRoutesTest extends StoreTest {
    @Inject
    RegroupFunction function;
    @Inject
    OrgSnapshots snapshots;
    @Inject
    PlanStore plans;
    @Inject
    Seating seating;

    Seeded seeded;
    String org;
    String admin;

    @BeforeEach
    void setUp() {
        seeded = new Seeded(table, seating);
        org = Fixtures.newOrg("routes");
        admin = StoreResource.tokens().mint("admin", org, "boss", 600);
    }

    APIGatewayV2HTTPResponse call(String route, Map<String, String> params, Map<String, String> query, String token) {
        APIGatewayV2HTTPEvent event = Api.event(route, params, null, token);
        event.setQueryStringParameters(new HashMap<>(query));
        return function.handle(event);
    }

    APIGatewayV2HTTPResponse regroup(Map<String, String> query, String token) {
        return call(RegroupFunction.REGROUP, Map.of("org", org), query, token);
    }

    APIGatewayV2HTTPResponse apply(String planId) {
        return regroup(Map.of("mode", "apply", "planId", planId), admin);
    }

    static JsonNode ok(APIGatewayV2HTTPResponse r) {
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Api.body(r);
    }

    static void refused(APIGatewayV2HTTPResponse r, int status, String code) {
        assertEquals(status, r.getStatusCode(), r.getBody());
        JsonNode body = Api.body(r);
        assertEquals(code, body.get("error").asText(), r.getBody());
        assertFalse(body.get("message").asText().isBlank());
    }

    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Two sales groups: big (6 of 10) and small (2 of 3). */
    void twoGroups() {
        seeded.group(org, "big", GroupKind.FUNCTION, "sales", 10, List.of());
        seeded.group(org, "small", GroupKind.FUNCTION, "sales", 3, List.of());
        for (String u : Seeded.users("u", 0, 9)) {
            seeded.member(org, u, "sales", List.of());
        }
        seeded.join(org, "big", "u0", "u1", "u2", "u3", "u4", "u5");
        seeded.join(org, "small", "u6", "u7");
    }

    StoredPlan keep(List<PlanOperation> operations) {
        OrgSnapshot s = snapshots.read(org, now()).snapshot();
        return plans.save(org, new RegroupPlan(s.fingerprint(), operations, 0, 0, List.of()), s);
    }

    @Test
    void aPlanMadeBeforeTheOrgChangedIsStaleAndWritesNothing() {
        twoGroups();
        StoredPlan plan = keep(List.of(PlanOperation.move("u0", "big", "small", Reason.FILL)));
        seeded.join(org, "big", "u8"); // someone joined since the plan was made
        String before = fx.snapshot();
        refused(apply(plan.planId()), 409, "STALE_PLAN");
        assertEquals(before, fx.snapshot());
        assertEquals("PROPOSED", ok(call(RegroupFunction.PLAN, Map.of("org", org, "planId", plan.planId()), Map.of(),
                admin)).get("status").asText());
    }

    @Test
    void applyingTwiceWritesOnceAndAnswersThePlanBothTimes() {
        twoGroups();
        StoredPlan plan = keep(List.of(PlanOperation.move("u0", "big", "small", Reason.FILL),
                PlanOperation.setAdmin("u0", "small")));
        JsonNode first = ok(apply(plan.planId()));
        assertEquals("APPLIED", first.get("status").asText());
        assertEquals(2, first.get("stepsDone").asInt());
        assertEquals(3, fx.storedGroup(org, "small").memberCount());
        String after = fx.snapshot();
        JsonNode second = ok(apply(plan.planId()));
        assertEquals(after, fx.snapshot(), "an applied plan is answered, not applied again");
        assertEquals(first, second);
    }

    @Test
    void thePlanIsAnsweredWithItsOperationsAndItsProgress() {
        twoGroups();
        StoredPlan plan = keep(List.of(PlanOperation.move("u0", "big", "small", Reason.FILL)));
        Map<String, String> path = Map.of("org", org, "planId", plan.planId());
        JsonNode proposed = ok(call(RegroupFunction.PLAN, path, Map.of(), admin));
        assertEquals(plan.planId(), proposed.get("planId").asText());
        assertEquals("PROPOSED", proposed.get("status").asText());
        assertNull(proposed.get("stepsDone"), "no progress before applying starts");
        JsonNode op = proposed.get("operations").get(0);
        assertEquals("MOVE", op.get("op").asText());
        assertEquals("u0", op.get("userId").asText());
        assertEquals("big", op.get("from").asText());
        assertEquals("small", op.get("to").asText());
        assertEquals("FILL", op.get("reason").asText());
        assertNull(op.get("groupId"), "fields an operation does not use are left out");
        assertTrue(plan.planId().matches("\\d{8}T\\d{6}-[0-9a-f]{10}"), plan.planId());
        ok(apply(plan.planId()));
        JsonNode applied = ok(call(RegroupFunction.PLAN, path, Map.of(), admin));
        assertEquals("APPLIED", applied.get("status").asText());
        assertEquals(1, applied.get("stepsDone").asInt());
        assertTrue(applied.get("appliedAt").asText().endsWith("Z"));
    }

    @Test
    void unknownPlansAre404() {
        twoGroups();
        String before = fx.snapshot();
        refused(apply("20260101T000000-0123456789"), 404, "NOT_FOUND");
        refused(apply("not-a-plan"), 404, "NOT_FOUND");
        refused(call(RegroupFunction.PLAN, Map.of("org", org, "planId", "20260101T000000-0123456789"), Map.of(),
                admin), 404, "NOT_FOUND");
        refused(call(RegroupFunction.PLAN, Map.of("org", org, "planId", "bad id!"), Map.of(), admin), 400,
                "MALFORMED_REQUEST");
        assertEquals(before, fx.snapshot());
    }

    @Test
    void onlyTheOrgsAdminsMayRegroup() {
        twoGroups();
        StoredPlan plan = keep(List.of(PlanOperation.move("u0", "big", "small", Reason.FILL)));
        String before = fx.snapshot();
        Map<String, String> apply = Map.of("mode", "apply", "planId", plan.planId());
        Map<String, String> planPath = Map.of("org", org, "planId", plan.planId());
        for (String token : List.of(StoreResource.tokens().mint("member", org, "u0", 600),
                StoreResource.tokens().mint("group-admin", org, "u6", 600),
                StoreResource.tokens().mint("bot", org, "connector", 600),
                StoreResource.tokens().mint("admin", "another-org", "boss", 600))) {
            refused(regroup(apply, token), 403, "FORBIDDEN");
            refused(regroup(Map.of("mode", "plan"), token), 403, "FORBIDDEN");
            refused(call(RegroupFunction.PLAN, planPath, Map.of(), token), 403, "FORBIDDEN");
            refused(call(RegroupFunction.PLANS, Map.of("org", org), Map.of(), token), 403, "FORBIDDEN");
        }
        refused(regroup(apply, null), 401, "UNAUTHORIZED");
        refused(call(RegroupFunction.PLANS, Map.of("org", org), Map.of(), null), 401, "UNAUTHORIZED");
        refused(regroup(apply, StoreResource.tokens().mint("admin", org, "boss", -120)), 401, "UNAUTHORIZED");
        assertEquals(before, fx.snapshot());
    }

    @Test
    void aMissingOrUnknownModeIs422() {
        twoGroups();
        String before = fx.snapshot();
        refused(regroup(Map.of(), admin), 422, "INVALID_INPUT");
        refused(regroup(Map.of("mode", "dry-run"), admin), 422, "INVALID_INPUT");
        refused(regroup(Map.of("mode", ""), admin), 422, "INVALID_INPUT");
        refused(regroup(Map.of("mode", "plan", "planId", "20260101T000000-0123456789"), admin), 422,
                "INVALID_INPUT");
        assertEquals(before, fx.snapshot());
    }

    @Test
    void plansAreListedNewestFirstAPageAtATime() {
        twoGroups();
        OrgSnapshot s = snapshots.read(org, now()).snapshot();
        Instant first = Instant.parse("2026-03-02T02:00:00Z");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PlanStore.PAGE_SIZE + 2; i++) {
            OrgSnapshot at = new OrgSnapshot(s.policy(), first.plusSeconds(3600L * i), s.members(), s.groups(),
                    s.memberships(), List.of());
            ids.add(0, plans.save(org, new RegroupPlan(s.fingerprint(), List.of(), 0, 0, List.of()), at).planId());
        }
        JsonNode page = ok(call(RegroupFunction.PLANS, Map.of("org", org), Map.of(), admin));
        assertEquals(PlanStore.PAGE_SIZE, page.get("plans").size());
        assertEquals(ids.get(0), page.get("plans").get(0).get("planId").asText(), "newest first");
        assertNull(page.get("plans").get(0).get("operations"), "a listing leaves the operations out");
        assertEquals("PROPOSED", page.get("plans").get(0).get("status").asText());
        JsonNode rest = ok(call(RegroupFunction.PLANS, Map.of("org", org), Map.of("after",
                page.get("next").asText()), admin));
        assertEquals(2, rest.get("plans").size());
        assertEquals(ids.get(ids.size() - 1), rest.get("plans").get(1).get("planId").asText());
        assertNull(rest.get("next"));
        refused(call(RegroupFunction.PLANS, Map.of("org", org), Map.of("after", "R1JPVVAjeA"), admin), 400,
                "MALFORMED_REQUEST");
    }

    @Test
    void aStepAConcurrentJoinMadeImpossibleStopsTheRunWhichResumesOnceItFits() {
        twoGroups();
        StoredPlan plan = keep(List.of(PlanOperation.move("u0", "big", "small", Reason.FILL),
                PlanOperation.move("u1", "big", "small", Reason.FILL)));
        assertTrue(plans.start(org, plan.planId(), now()), "an apply has started...");
        seeded.join(org, "small", "u9"); // ...when someone joins small: 3 of 3
        APIGatewayV2HTTPResponse stopped = apply(plan.planId());
        refused(stopped, 409, "CONFLICT");
        JsonNode violation = Api.body(stopped).get("violations").get(0);
        assertEquals("operations[0]", violation.get("field").asText());
        assertTrue(violation.get("problem").asText().contains("small"), violation.toString());
        assertEquals("APPLYING", plans.plan(org, plan.planId()).orElseThrow().status().name());
        Invariants.hold(table, org);

        seating.leave(org, "small", "u9");
        seating.leave(org, "small", "u6");
        JsonNode done = ok(apply(plan.planId()));
        assertEquals("APPLIED", done.get("status").asText());
        assertEquals(3, fx.storedGroup(org, "small").memberCount());
        Invariants.hold(table, org);
    }

    @Test
    void aPlanMayFillAGroupAboveItsCapBeforeItEmptiesIt() {
        twoGroups();
        seeded.join(org, "small", "u8"); // small is full: 3 of 3
        StoredPlan plan = keep(List.of(PlanOperation.move("u0", "big", "small", Reason.FILL),
                PlanOperation.move("u6", "small", "big", Reason.FILL)));
        assertEquals(Map.of(0, 4), plan.overCap());
        assertEquals("APPLIED", ok(apply(plan.planId())).get("status").asText());
        assertEquals(3, fx.storedGroup(org, "small").memberCount());
        assertTrue(table.get(Keys.seat(org, "small", "u0")).isPresent());
        Invariants.hold(table, org);
    }
}
