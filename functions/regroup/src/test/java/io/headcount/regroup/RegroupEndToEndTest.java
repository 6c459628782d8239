package io.headcount.regroup;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.adapters.Policies;
import io.headcount.domain.ChatEvent;
import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.Membership;
import io.headcount.domain.OrgSnapshot;
import io.headcount.domain.PlanOperation;
import io.headcount.domain.Policy;
import io.headcount.domain.Regroup;
import io.headcount.domain.RegroupPlan;
import io.headcount.seating.Seating;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The planner and the store together: a plan made, reviewed, applied, and the weekly run over every org. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class RegroupEndToEndTest extends StoreTest {
    @Inject
    RegroupFunction function;
    @Inject
    OrgSnapshots snapshots;
    @Inject
    Seating seating;

    Seeded seeded;

    @BeforeEach
    void setUp() {
        seeded = new Seeded(table, seating);
    }

    /** 20 sales people in east, whose cap was then lowered to 10, and three sales people without a group. */
    void overCap(String org) {
        seeded.group(org, "east", GroupKind.FUNCTION, "sales", 30, List.of("s0"));
        for (String s : Seeded.users("s", 0, 22)) {
            seeded.member(org, s, "sales", List.of());
        }
        seeded.join(org, "east", Seeded.users("s", 0, 19).toArray(String[]::new));
        seeded.recap(org, "east", 10);
    }

    JsonNode regroup(String org, Map<String, String> query) {
        APIGatewayV2HTTPEvent event = Api.event(RegroupFunction.REGROUP, Map.of("org", org), null,
                StoreResource.tokens().mint("admin", org, "boss", 600));
        event.setQueryStringParameters(new HashMap<>(query));
        APIGatewayV2HTTPResponse r = function.handle(event);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Api.body(r);
    }

    static List<String> ops(JsonNode plan, String op) {
        List<String> found = new ArrayList<>();
        plan.get("operations").forEach(o -> {
            if (o.get("op").asText().equals(op)) {
                found.add(o.toString());
            }
        });
        return found;
    }

    /** Every active group within [minSize, cap], and each active member in exactly one group of the pool. */
    void settled(String org) {
        List<Group> active = fx.groupsOf(org).stream().filter(Group::isActive).toList();
        for (Group g : active) {
            assertTrue(g.memberCount() >= g.minSize() && g.memberCount() <= g.cap(),
                    g.groupId() + " has " + g.memberCount() + " members, range [" + g.minSize() + ", " + g.cap() + "]");
        }
        OrgSnapshot s = snapshots.read(org, Instant.now()).snapshot();
        for (String user : Seeded.users("s", 0, 22)) {
            assertEquals(1, s.memberships().stream().filter(m -> m.userId().equals(user)).count(), user);
        }
        Invariants.hold(table, org);
    }

    @Test
    void aPlanSplitsTheOverCapGroupAndApplyingItSettlesTheOrg() {
        String org = Fixtures.newOrg("e2e");
        overCap(org);
        String before = fx.snapshot();
        JsonNode plan = regroup(org, Map.of("mode", "plan"));
        assertEquals("PROPOSED", plan.get("status").asText());
        assertFalse(ops(plan, "CREATE_GROUP").isEmpty(), plan.toString());
        assertTrue(ops(plan, "CREATE_GROUP").stream().allMatch(o -> o.contains("\"reason\":\"SPLIT\"")
                || o.contains("\"reason\":\"UNGROUPED\"")), plan.toString());
        assertTrue(ops(plan, "MOVE").stream().anyMatch(o -> o.contains("\"from\":\"east\"")
                && o.contains("\"reason\":\"SPLIT\"")), plan.toString());
        assertEquals(plan.get("moves").asInt(), ops(plan, "MOVE").size());
        assertTrue(plan.get("moves").asInt() >= plan.get("lowerBound").asInt());
        assertEquals(10, plan.get("lowerBound").asInt(), "10 over east's cap of 10 must leave");
        assertEquals(20, fx.storedGroup(org, "east").memberCount(), "planning changes no group");
        assertNotEquals(before, fx.snapshot(), "the plan is kept");

        JsonNode applied = regroup(org, Map.of("mode", "apply", "planId", plan.get("planId").asText()));
        assertEquals("APPLIED", applied.get("status").asText());
        assertEquals(plan.get("operations"), applied.get("operations"));
        settled(org);

        JsonNode again = regroup(org, Map.of("mode", "plan"));
        assertEquals(0, again.get("operations").size(), again.toString());
        assertEquals(0, again.get("steps").asInt());
    }

    @Test
    void planAndApplyInOneGo() {
        String org = Fixtures.newOrg("e2e");
        overCap(org);
        JsonNode applied = regroup(org, Map.of("mode", "apply"));
        assertEquals("APPLIED", applied.get("status").asText(), applied.toString());
        assertEquals(applied.get("steps").asInt(), applied.get("stepsDone").asInt());
        assertTrue(applied.get("steps").asInt() > 0);
        settled(org);
        assertEquals(0, regroup(org, Map.of("mode", "apply")).get("steps").asInt(), "nothing left to do");
    }

    @Test
    void peopleWhoTalkToEachOtherAreKeptTogetherWhenTheGroupSplits() {
        String org = Fixtures.newOrg("talk");
        overCap(org);
        // Whom would a split that knows nothing of who talks to whom separate?
        OrgSnapshot quiet = snapshots.read(org, Instant.now()).snapshot();
        RegroupPlan blind = Regroup.plan(quiet);
        Set<String> movers = new TreeSet<>();
        blind.operations().stream().filter(o -> o.op() == PlanOperation.Op.MOVE).forEach(o -> movers.add(o.userId()));
        String mover = movers.iterator().next();
        String stayer = Seeded.users("s", 1, 19).stream().filter(u -> !movers.contains(u)).findFirst().orElseThrow();
        Instant at = Instant.now().minusSeconds(3600);
        for (int i = 0; i < 6; i++) {
            say(org, "m" + i, mover, at.plusSeconds(60L * i), List.of(stayer), null);
            say(org, "r" + i, stayer, at.plusSeconds(60L * i + 30), List.of(), "m" + i);
        }
        regroup(org, Map.of("mode", "apply"));
        assertEquals(groupOf(org, mover), groupOf(org, stayer), mover + " and " + stayer + " talk to each other");
        settled(org);
    }

    void say(String org, String id, String user, Instant at, List<String> mentions, String replyTo) {
        fx.message(org, new ChatEvent("api", ChatEvent.Kind.MESSAGE, id, "east", user, at, "【讨论】客户跟进", false,
                replyTo, mentions, null), Policy.DEFAULT);
    }

    String groupOf(String org, String user) {
        List<String> groups = snapshots.read(org, Instant.now()).snapshot().memberships().stream()
                .filter(m -> m.userId().equals(user)).map(Membership::groupId).toList();
        assertEquals(1, groups.size(), user + " sits in " + groups);
        return groups.get(0);
    }

    @Test
    void theWeeklyRunPlansForEveryOrgAndAppliesOnlyWhereTheOrgSaysSo() throws Exception {
        String auto = Fixtures.newOrg("auto");
        String manual = Fixtures.newOrg("manual");
        String broken = Fixtures.newOrg("broken");
        overCap(auto);
        overCap(manual);
        Policy d = Policy.DEFAULT;
        table.update(Policies.save(auto, new Policy(d.cap(), d.minSize(), d.hardCap(), d.maxGroupsPerMember(),
                d.eligibility(), d.overflow(), d.inactivityDays(), d.timeZone(), d.language(), d.retentionDays(),
                d.topicTags(), d.requireTags(), d.weights(), d.noticeDays(), true)));
        seeded.group(broken, "odd", GroupKind.FUNCTION, "sales", 10, List.of());
        table.update(io.headcount.adapters.Write.update(Keys.group(broken, "odd"), "SET #kind = :nonsense")
                .value(":nonsense", "TEAM")); // a record the function cannot read: that org fails alone

        String event = Files.readString(Path.of("../../infra/events/regroup-weekly.json"));
        assertEquals(Map.of("schedule", "weekly-regroup"),
                Api.JSON.readValue(event, new TypeReference<Map<String, Object>>() { }));
        JsonNode report = Api.JSON.readTree(given().contentType("application/json").body(event).when().post()
                .then().statusCode(200).extract().asString());
        assertEquals("weekly-regroup", report.get("job").asText());
        assertEquals(3, report.get("orgs").asInt(), report.toString());
        assertEquals(2, report.get("plans").asInt(), report.toString());
        assertEquals(1, report.get("applied").asInt(), report.toString());
        assertEquals(1, report.get("failures").size(), report.toString());
        assertEquals(broken, report.get("failures").get(0).get("org").asText());
        assertTrue(report.get("operations").asInt() > 0);

        settled(auto);
        assertEquals(20, fx.storedGroup(manual, "east").memberCount(), "proposed only");
        List<String> statuses = new ArrayList<>();
        table.queryAll(Keys.plans(manual), Keys.planPrefix(), false)
                .forEach(item -> statuses.add(Attrs.str(item, "status")));
        assertEquals(List.of("PROPOSED"), statuses);
        table.queryAll(Keys.plans(auto), Keys.planPrefix(), false)
                .forEach(item -> assertEquals("APPLIED", Attrs.str(item, "status")));
        assertThrows(IllegalArgumentException.class, () -> function.regroup(Map.of("schedule", "weekly-scores")));
    }
}
