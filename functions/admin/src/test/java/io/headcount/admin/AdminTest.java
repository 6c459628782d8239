package io.headcount.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.MemberItems;
import io.headcount.adapters.Write;
import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.Member;
import io.headcount.domain.MemberStatus;
import io.headcount.domain.OverflowMode;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Groups and the roster through the real admin handler against the emulator. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class AdminTest extends StoreTest {
    @Inject
    AdminFunction function;

    String org;
    String admin;

    @BeforeEach
    void setUp() {
        org = Fixtures.newOrg("adm");
        admin = StoreResource.tokens().mint("admin", org, "boss", 300);
    }

    // ---- helpers ----

    APIGatewayV2HTTPResponse send(String route, Map<String, String> params, String body, String token) {
        return function.admin(Api.event(route, params, body, token));
    }

    JsonNode ok(String route, Map<String, String> params, Object body) {
        APIGatewayV2HTTPResponse r = send(route, params, body == null ? null : json(body), admin);
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("application/json; charset=utf-8", r.getHeaders().get("Content-Type"));
        return Api.body(r);
    }

    JsonNode putGroup(String groupId, Map<String, Object> spec) {
        return ok(AdminFunction.PUT_GROUP, Map.of("org", org, "group", groupId), spec);
    }

    JsonNode putMember(String userId, Map<String, Object> spec) {
        return ok(AdminFunction.PUT_MEMBER, Map.of("org", org, "user", userId), spec);
    }

    JsonNode list(String forOrg, String after, String token) {
        APIGatewayV2HTTPEvent event = Api.event(AdminFunction.LIST_GROUPS, Map.of("org", forOrg), null, token);
        if (after != null) {
            event.setQueryStringParameters(Map.of("after", after));
            event.setRawQueryString("after=" + after);
        }
        APIGatewayV2HTTPResponse r = function.admin(event);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Api.body(r);
    }

    APIGatewayV2HTTPResponse listRaw(String after) {
        APIGatewayV2HTTPEvent event = Api.event(AdminFunction.LIST_GROUPS, Map.of("org", org), null, admin);
        event.setQueryStringParameters(Map.of("after", after));
        return function.admin(event);
    }

    static String json(Object body) {
        try {
            return body instanceof String s ? s : Api.JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> groupSpec(String name, String kind, String key, int cap, List<String> admins) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("kind", kind);
        spec.put("key", key);
        spec.put("cap", cap);
        spec.put("admins", admins);
        return spec;
    }

    static Map<String, Object> memberSpec(String name, String function, List<String> projects,
            Map<String, String> platformUserIds) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", name);
        spec.put("function", function);
        spec.put("projects", projects);
        if (platformUserIds != null) {
            spec.put("platformUserIds", platformUserIds);
        }
        return spec;
    }

    void seed(String groupId, String update, String placeholder, Object value) {
        Write write = Write.update(Keys.group(org, groupId), update);
        if (value instanceof Number n) {
            write.value(placeholder, n.longValue());
        } else {
            write.value(placeholder, value.toString());
        }
        table.update(write);
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    // ---- groups ----

    @Test
    void putGroupCreatesItWithPolicyDefaults() {
        Map<String, Object> spec = groupSpec("  华东客户维护群  ", "FUNCTION", "customer-maintenance", 15,
                List.of("boss", "lead.1"));
        spec.put("welcome", "欢迎 {name}！请先看群公告。");
        spec.put("platformChatId", "oc_a0553eda9014c201e6969b478895c230");
        JsonNode g = putGroup("east", spec);

        assertEquals("east", g.get("groupId").asText());
        assertEquals("华东客户维护群", g.get("name").asText(), "the name is stored stripped");
        assertEquals("FUNCTION", g.get("kind").asText());
        assertEquals("customer-maintenance", g.get("key").asText());
        assertEquals("ACTIVE", g.get("status").asText());
        assertEquals(15, g.get("cap").asInt());
        assertEquals(5, g.get("minSize").asInt(), "policy minSize 5");
        assertEquals(0, g.get("members").asInt());
        assertEquals(15, g.get("free").asInt());
        assertEquals(0, g.get("waitlist").asInt());
        assertEquals(List.of("boss", "lead.1"), texts(g.get("admins")));
        assertEquals("OPEN_OVERFLOW", g.get("overflow").asText(), "the policy's overflow mode");
        assertEquals("欢迎 {name}！请先看群公告。", g.get("welcome").asText());
        assertEquals("oc_a0553eda9014c201e6969b478895c230", g.get("platformChatId").asText());
        assertFalse(g.hasNonNull("overflowOf"));

        Group stored = fx.storedGroup(org, "east");
        assertEquals("华东客户维护群", stored.name());
        assertEquals(GroupKind.FUNCTION, stored.kind());
        assertEquals(15, stored.cap());
        assertEquals(0, stored.memberCount());
        assertEquals(GroupStatus.ACTIVE, stored.status());
        assertEquals(OverflowMode.OPEN_OVERFLOW, stored.overflow());

        assertEquals(g, ok(AdminFunction.GET_GROUP, Map.of("org", org, "group", "east"), null),
                "GET answers what PUT answered");
    }

    @Test
    void putAgainUpdatesTheFieldsButKeepsSeatsStatusAndOrigin() {
        putGroup("east", groupSpec("华东", "FUNCTION", "sales", 15, List.of("boss")));
        seed("east", "SET #memberCount = :n", ":n", 7);
        seed("east", "SET #waitlist = :n", ":n", 2);
        seed("east", "SET #status = :s", ":s", GroupStatus.ARCHIVED.name());
        seed("east", "SET #overflowOf = :o", ":o", "root");

        Map<String, Object> spec = groupSpec("华东 项目群", "PROJECT", "p-42", 20, List.of());
        spec.put("minSize", 3);
        spec.put("overflow", "WAITLIST");
        JsonNode g = putGroup("east", spec);

        assertEquals("华东 项目群", g.get("name").asText());
        assertEquals("PROJECT", g.get("kind").asText());
        assertEquals("p-42", g.get("key").asText());
        assertEquals(20, g.get("cap").asInt());
        assertEquals(3, g.get("minSize").asInt());
        assertEquals("WAITLIST", g.get("overflow").asText());
        assertEquals(List.of(), texts(g.get("admins")), "admins may be empty");
        assertEquals(7, g.get("members").asInt(), "seats are not the admin's to set");
        assertEquals(13, g.get("free").asInt());
        assertEquals(2, g.get("waitlist").asInt());
        assertEquals("ARCHIVED", g.get("status").asText(), "status is not the PUT's to set");
        assertEquals("root", g.get("overflowOf").asText());

        Group stored = fx.storedGroup(org, "east");
        assertEquals(7, stored.memberCount());
        assertEquals(2, stored.waitlist());
        assertEquals(GroupStatus.ARCHIVED, stored.status());
        assertEquals(GroupKind.PROJECT, stored.kind());
        assertEquals(1, fx.groupsOf(org).size(), "updated in place, not a second group");
    }

    @Test
    void aRepeatedPutIsIdempotent() {
        Map<String, Object> spec = groupSpec("华东", "GENERAL", "all", 12, List.of("boss"));
        JsonNode first = putGroup("east", spec);
        String snapshot = fx.snapshot();
        for (int i = 0; i < 3; i++) {
            assertEquals(first, putGroup("east", spec));
        }
        assertEquals(snapshot, fx.snapshot());
    }

    @Test
    void loweringTheCapBelowTheMembersIsAllowedAndLeavesNoFreeSeat() {
        putGroup("east", groupSpec("华东", "FUNCTION", "sales", 15, List.of("boss")));
        seed("east", "SET #memberCount = :n", ":n", 10);
        JsonNode g = putGroup("east", groupSpec("华东", "FUNCTION", "sales", 4, List.of("boss")));
        assertEquals(4, g.get("cap").asInt());
        assertEquals(10, g.get("members").asInt());
        assertEquals(0, g.get("free").asInt());
        assertEquals(4, g.get("minSize").asInt(), "the default minSize never exceeds the cap");
        assertEquals(4, fx.storedGroup(org, "east").cap());
        assertEquals(10, fx.storedGroup(org, "east").memberCount());

        JsonNode listed = list(org, null, admin).get("groups").get(0);
        assertEquals(10, listed.get("members").asInt());
        assertEquals(0, listed.get("free").asInt());
    }

    @Test
    void optionalFieldsOmittedOnALaterPutAreRemoved() {
        Map<String, Object> spec = groupSpec("华东", "FUNCTION", "sales", 15, List.of("boss"));
        spec.put("welcome", "欢迎 {name}");
        spec.put("platformChatId", "C024BE91L");
        spec.put("overflow", "DENY");
        spec.put("minSize", 2);
        putGroup("east", spec);

        JsonNode g = putGroup("east", groupSpec("华东", "FUNCTION", "sales", 15, List.of("boss")));
        assertFalse(g.hasNonNull("welcome"), g.toString());
        assertFalse(g.hasNonNull("platformChatId"), g.toString());
        assertEquals("OPEN_OVERFLOW", g.get("overflow").asText(), "back to the policy default");
        assertEquals(5, g.get("minSize").asInt(), "back to the policy default");
        Group stored = fx.storedGroup(org, "east");
        assertNull(stored.welcome());
        assertNull(stored.platformChatId());
        Map<String, ?> item = table.get(Keys.group(org, "east")).orElseThrow();
        assertFalse(item.containsKey("welcome"));
        assertFalse(item.containsKey("platformChatId"));
    }

    @Test
    void minSizeDefaultsToThePolicyMinSizeButNeverAboveTheCap() {
        assertEquals(5, putGroup("a", groupSpec("A", "GENERAL", "k", 15, List.of())).get("minSize").asInt());
        assertEquals(3, putGroup("b", groupSpec("B", "GENERAL", "k", 3, List.of())).get("minSize").asInt());
        assertEquals(1, putGroup("c", groupSpec("C", "GENERAL", "k", 1, List.of())).get("minSize").asInt());
        assertEquals(5, putGroup("d", groupSpec("D", "GENERAL", "k", 5, List.of())).get("minSize").asInt());
        Map<String, Object> explicit = groupSpec("E", "GENERAL", "k", 15, List.of());
        explicit.put("minSize", 15);
        assertEquals(15, putGroup("e", explicit).get("minSize").asInt(), "minSize may equal the cap");
    }

    @Test
    void theOrgPolicyGivesTheDefaultsAndTheHardCap() {
        table.update(Write.update(Keys.policy(org), "SET #minSize = :m, #overflow = :o, #hardCap = :h")
                .value(":m", 8).value(":o", OverflowMode.DENY.name()).value(":h", 200));
        JsonNode g = putGroup("east", groupSpec("华东", "FUNCTION", "sales", 15, List.of()));
        assertEquals(8, g.get("minSize").asInt());
        assertEquals("DENY", g.get("overflow").asText());
        assertEquals(200, putGroup("big", groupSpec("大群", "GENERAL", "all", 200, List.of())).get("cap").asInt());
        String before = fx.snapshot();
        APIGatewayV2HTTPResponse r = send(AdminFunction.PUT_GROUP, Map.of("org", org, "group", "huge"),
                json(groupSpec("超大群", "GENERAL", "all", 201, List.of())), admin);
        assertEquals(422, r.getStatusCode(), r.getBody());
        assertEquals("cap", Api.body(r).get("violations").get(0).get("field").asText());
        assertEquals(before, fx.snapshot());
    }

    @Test
    void getGroupIs404ForAnUnknownGroup() {
        putGroup("east", groupSpec("华东", "FUNCTION", "sales", 15, List.of()));
        APIGatewayV2HTTPResponse r = send(AdminFunction.GET_GROUP, Map.of("org", org, "group", "west"), null, admin);
        assertEquals(404, r.getStatusCode(), r.getBody());
        assertEquals("NOT_FOUND", Api.body(r).get("error").asText());
        String other = StoreResource.tokens().mint("admin", "elsewhere", "boss", 300);
        r = send(AdminFunction.GET_GROUP, Map.of("org", "elsewhere", "group", "east"), null, other);
        assertEquals(404, r.getStatusCode(), "another org's group of the same id is not this org's: " + r.getBody());
    }

    @Test
    void listingShowsFillLevelsAndOnlyGroups() {
        putGroup("a", groupSpec("A", "FUNCTION", "sales", 15, List.of("boss")));
        putGroup("b", groupSpec("B", "PROJECT", "p1", 4, List.of()));
        putGroup("c", groupSpec("C", "GENERAL", "all", 3, List.of()));
        seed("a", "SET #memberCount = :n", ":n", 6);
        seed("b", "SET #memberCount = :n", ":n", 4);
        seed("c", "SET #memberCount = :n", ":n", 5);
        putMember("u1", memberSpec("张三", "sales", List.of(), null));
        fx.group("other-org", "x", GroupKind.FUNCTION, "sales", 5, OverflowMode.DENY);

        JsonNode page = list(org, null, admin);
        assertTrue(page.get("next") == null || page.get("next").asText().isEmpty(), page.toString());
        JsonNode groups = page.get("groups");
        assertEquals(3, groups.size(), page.toString());
        Map<String, int[]> levels = new TreeMap<>();
        for (JsonNode g : groups) {
            levels.put(g.get("groupId").asText(),
                    new int[] {g.get("cap").asInt(), g.get("members").asInt(), g.get("free").asInt()});
            for (String field : List.of("groupId", "name", "kind", "key", "status", "cap", "minSize", "members",
                    "free")) {
                assertTrue(g.hasNonNull(field), field + " in " + g);
            }
        }
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(levels.keySet()));
        assertEquals(List.of(15, 6, 9), List.of(levels.get("a")[0], levels.get("a")[1], levels.get("a")[2]));
        assertEquals(List.of(4, 4, 0), List.of(levels.get("b")[0], levels.get("b")[1], levels.get("b")[2]));
        assertEquals(List.of(3, 5, 0), List.of(levels.get("c")[0], levels.get("c")[1], levels.get("c")[2]));
    }

    @Test
    void anEmptyOrgListsNoGroups() {
        JsonNode page = list(org, null, admin);
        assertEquals(0, page.get("groups").size());
        assertTrue(page.get("next") == null || page.get("next").asText().isEmpty(), page.toString());
    }

    @Test
    void listingPagesThroughEveryGroupExactlyOnceInIdOrder() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            // mixed shapes so that id order is not insertion order: digits, upper and lower case, dots, dashes
            ids.add(switch (i % 5) {
                case 0 -> "g-" + i;
                case 1 -> "G" + (1000 - i);
                case 2 -> "x." + Integer.toString(i * 7919, 36);
                case 3 -> i + "_sales";
                default -> "z" + Integer.toHexString(i * 31);
            });
        }
        List<String> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, new Random(42));
        for (int i = 0; i < shuffled.size(); i++) {
            String id = shuffled.get(i);
            Group g = new Group(id, "群 " + id, GroupKind.GENERAL, "k" + (i % 3), 10 + i % 5, 5, List.of(), i % 12,
                    0, GroupStatus.ACTIVE, null, OverflowMode.DENY, null, null);
            table.update(GroupItems.upsert(org, g));
            table.update(Write.update(Keys.group(org, id), "SET #memberCount = :n").value(":n", i % 12));
        }
        fx.members(org, "m", 3, "sales");
        Map<String, Integer> expectedMembers = new TreeMap<>();
        for (int i = 0; i < shuffled.size(); i++) {
            expectedMembers.put(shuffled.get(i), i % 12);
        }

        List<String> seen = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = list(org, after, admin);
            pages++;
            assertTrue(page.get("groups").size() <= Roster.PAGE_SIZE);
            for (JsonNode g : page.get("groups")) {
                String id = g.get("groupId").asText();
                seen.add(id);
                assertEquals(expectedMembers.get(id), g.get("members").asInt(), id);
                assertEquals(Math.max(0, g.get("cap").asInt() - g.get("members").asInt()), g.get("free").asInt());
            }
            JsonNode next = page.get("next");
            after = next == null || next.isNull() || next.asText().isEmpty() ? null : next.asText();
            if (after != null) {
                assertTrue(cursors.add(after), "a cursor never repeats");
                assertFalse(new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8).contains(org),
                        "the cursor does not carry the org");
            }
            assertTrue(pages < 10, "paging ends");
        } while (after != null);

        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        assertEquals(sorted, seen, "every group exactly once, ordered by id");
        assertTrue(pages >= 3, "250 groups take at least three pages of " + Roster.PAGE_SIZE);
    }

    @Test
    void aGarbledOrForgedCursorIs400() {
        putGroup("a", groupSpec("A", "GENERAL", "all", 15, List.of()));
        putMember("u1", memberSpec("张三", "sales", List.of(), null));
        String before = fx.snapshot();
        List<String> bad = List.of(
                "!!!",
                "%%%not-base64%%%",
                "R1JPVVAjYQ==" + "=",
                b64("MEMBER#u1"),
                b64("POLICY"),
                b64("GROUP"),
                b64("group#a"),
                b64("ORG#" + org),
                "a",
                // well-formed base64 of a group sort key, but never given out: no valid id after the prefix
                b64("GROUP#"),
                b64("GROUP#a b"),
                b64("GROUP#a#MEMBER#u1"),
                b64("GROUP#" + "x".repeat(65)),
                b64("GROUP#" + "x".repeat(2000)),
                // the cursor of GROUP#a, but not in the form this API writes it
                "R1JPVVAjYQ==",
                "R1JPVVAjYR");
        for (String cursor : bad) {
            APIGatewayV2HTTPResponse r = listRaw(cursor);
            assertEquals(400, r.getStatusCode(), "cursor '" + cursor + "': " + r.getBody());
            JsonNode error = Api.body(r);
            assertEquals("MALFORMED_REQUEST", error.get("error").asText());
            assertTrue(error.get("message").asText().length() > 5);
        }
        assertEquals(before, fx.snapshot());
    }

    @Test
    void aForgedButWellFormedCursorStaysInsideTheCallersOrg() {
        for (String id : List.of("a", "b", "c")) {
            putGroup(id, groupSpec("Own " + id, "GENERAL", "all", 15, List.of()));
        }
        putMember("u1", memberSpec("张三", "sales", List.of(), null));
        JsonNode page = list(org, b64("GROUP#a"), admin);
        assertEquals(List.of("b", "c"), page.get("groups").findValuesAsText("groupId"));
        JsonNode past = list(org, b64("GROUP#zzz"), admin);
        assertEquals(0, past.get("groups").size(), "nothing after the last group, not the members: " + past);
    }

    @Test
    void aCursorFromOneOrgCannotRevealItsGroupsInAnother() {
        String orgB = Fixtures.newOrg("adm-b");
        String adminB = StoreResource.tokens().mint("admin", orgB, "boss-b", 300);
        for (int i = 0; i < 150; i++) {
            String id = String.format("a-%03d", i);
            table.update(GroupItems.upsert(org, new Group(id, "A secret " + i, GroupKind.GENERAL, "k", 15, 5,
                    List.of(), 0, 0, GroupStatus.ACTIVE, null, OverflowMode.DENY, null, null)));
        }
        for (String id : List.of("a-050", "a-120", "a-200", "b-1")) {
            table.update(GroupItems.upsert(orgB, new Group(id, "B " + id, GroupKind.GENERAL, "k", 9, 5,
                    List.of(), 0, 0, GroupStatus.ACTIVE, null, OverflowMode.DENY, null, null)));
        }
        JsonNode first = list(org, null, admin);
        String cursor = first.get("next").asText();
        assertFalse(cursor.isEmpty(), "A has a second page");

        APIGatewayV2HTTPEvent event = Api.event(AdminFunction.LIST_GROUPS, Map.of("org", orgB), null, adminB);
        event.setQueryStringParameters(Map.of("after", cursor));
        APIGatewayV2HTTPResponse r = function.admin(event);
        assertTrue(r.getStatusCode() == 200 || r.getStatusCode() == 400, r.getBody());
        assertFalse(r.getBody().contains("secret"), "no group of A in B's answer: " + r.getBody());
        if (r.getStatusCode() == 200) {
            JsonNode page = Api.body(r);
            for (JsonNode g : page.get("groups")) {
                assertTrue(g.get("name").asText().startsWith("B "), g.toString());
                assertEquals(9, g.get("cap").asInt());
            }
            JsonNode next = page.get("next");
            assertTrue(next == null || next.asText().isEmpty(), "B has nothing more: " + page);
        }

        // and the admin of B cannot use the cursor on A's own listing either
        APIGatewayV2HTTPEvent onA = Api.event(AdminFunction.LIST_GROUPS, Map.of("org", org), null, adminB);
        onA.setQueryStringParameters(Map.of("after", cursor));
        APIGatewayV2HTTPResponse forbidden = function.admin(onA);
        assertEquals(403, forbidden.getStatusCode(), forbidden.getBody());
        assertFalse(forbidden.getBody().contains("secret"));
    }

    // ---- members ----

    @Test
    void putMemberCreatesItActiveInNoGroup() {
        JsonNode m = putMember("zhang.san", memberSpec("  张三  ", "market-expansion", List.of("p1", "p-2"),
                Map.of("slack", "U024BE7LH", "feishu", "ou_7d8a6e6df7621556ce0d21922b676706ccs")));
        assertEquals("zhang.san", m.get("userId").asText());
        assertEquals("张三", m.get("name").asText());
        assertEquals("market-expansion", m.get("function").asText());
        assertEquals(List.of("p1", "p-2"), texts(m.get("projects")));
        assertEquals("ACTIVE", m.get("status").asText());
        assertEquals(0, m.get("groups").asInt());
        assertEquals("U024BE7LH", m.get("platformUserIds").get("slack").asText());
        assertEquals("ou_7d8a6e6df7621556ce0d21922b676706ccs", m.get("platformUserIds").get("feishu").asText());
        assertEquals(2, m.get("platformUserIds").size());

        Member stored = fx.storedMember(org, "zhang.san");
        assertEquals(MemberStatus.ACTIVE, stored.status());
        assertEquals(Map.of("slack", "U024BE7LH", "feishu", "ou_7d8a6e6df7621556ce0d21922b676706ccs"),
                stored.platformUserIds());

        assertEquals(m, ok(AdminFunction.GET_MEMBER, Map.of("org", org, "user", "zhang.san"), null));
    }

    @Test
    void putMemberAgainKeepsStatusAndSeats() {
        putMember("u1", memberSpec("张三", "sales", List.of("p1"), Map.of("slack", "U1")));
        table.update(Write.update(Keys.member(org, "u1"), "SET #groupCount = :n, #status = :s")
                .value(":n", 2).value(":s", MemberStatus.LEFT.name()));

        JsonNode m = putMember("u1", memberSpec("张三丰", "after-sales", List.of("p2", "p3"),
                Map.of("dingtalk", "manager4220", "wecom", "ZhangSan")));
        assertEquals("张三丰", m.get("name").asText());
        assertEquals("after-sales", m.get("function").asText());
        assertEquals(List.of("p2", "p3"), texts(m.get("projects")));
        assertEquals("LEFT", m.get("status").asText());
        assertEquals(2, m.get("groups").asInt());
        assertEquals(Map.of("dingtalk", "manager4220", "wecom", "ZhangSan"),
                Api.JSON.convertValue(m.get("platformUserIds"), Map.class), "the platform ids are replaced");
        Member stored = fx.storedMember(org, "u1");
        assertEquals(2, stored.groupCount());
        assertEquals(MemberStatus.LEFT, stored.status());
    }

    @Test
    void putMemberMaySetTheStatusAndALaterPutWithoutOneKeepsIt() {
        Map<String, Object> spec = memberSpec("张三", "sales", List.of(), null);
        spec.put("status", "LEFT");
        assertEquals("LEFT", putMember("u1", spec).get("status").asText());
        assertEquals(MemberStatus.LEFT, fx.storedMember(org, "u1").status());

        JsonNode kept = putMember("u1", memberSpec("张三丰", "sales", List.of(), null));
        assertEquals("LEFT", kept.get("status").asText(), "no status in the body: it stays");
        assertEquals("张三丰", kept.get("name").asText());

        spec.put("status", "ACTIVE");
        assertEquals("ACTIVE", putMember("u1", spec).get("status").asText());
        assertEquals(MemberStatus.ACTIVE, fx.storedMember(org, "u1").status());
        String snapshot = fx.snapshot();
        putMember("u1", spec);
        assertEquals(snapshot, fx.snapshot(), "the same status again changes nothing, not even the version");
    }

    @Test
    void omittedProjectsAndPlatformIdsAreEmpty() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", "李四");
        spec.put("function", "sales");
        JsonNode m = putMember("li.si", spec);
        assertEquals(0, m.get("projects").size());
        assertTrue(m.get("platformUserIds") == null || m.get("platformUserIds").isEmpty(), m.toString());
        putMember("li.si", memberSpec("李四", "sales", List.of("p1"), Map.of("slack", "U9")));
        JsonNode cleared = putMember("li.si", spec);
        assertEquals(0, cleared.get("projects").size(), cleared.toString());
        assertTrue(cleared.get("platformUserIds") == null || cleared.get("platformUserIds").isEmpty(),
                cleared.toString());
        assertEquals(Map.of(), fx.storedMember(org, "li.si").platformUserIds());
    }

    @Test
    void platformUserIdsRoundTripForEveryPlatform() {
        Map<String, String> ids = Map.of("slack", "U024BE7LH", "feishu", "ou_84aad35d084aa403a838cf73ee18467",
                "dingtalk", "manager4220", "wecom", "ZhangSan");
        putMember("u1", memberSpec("张三", "sales", List.of(), ids));
        JsonNode read = ok(AdminFunction.GET_MEMBER, Map.of("org", org, "user", "u1"), null);
        assertEquals(ids, Api.JSON.convertValue(read.get("platformUserIds"), Map.class));
        assertEquals(ids, fx.storedMember(org, "u1").platformUserIds());
        assertEquals(ids, MemberItems.from(table.get(Keys.member(org, "u1")).orElseThrow()).platformUserIds());
    }

    @Test
    void getMemberIs404ForAnUnknownMember() {
        putMember("u1", memberSpec("张三", "sales", List.of(), null));
        APIGatewayV2HTTPResponse r = send(AdminFunction.GET_MEMBER, Map.of("org", org, "user", "u2"), null, admin);
        assertEquals(404, r.getStatusCode(), r.getBody());
        assertEquals("NOT_FOUND", Api.body(r).get("error").asText());
    }

    @Test
    void aMemberMayReadItselfButNoOneElse() {
        putMember("u1", memberSpec("张三", "sales", List.of("p1"), Map.of("slack", "U1")));
        putMember("u2", memberSpec("李四", "sales", List.of(), null));
        String u1 = StoreResource.tokens().mint("member", org, "u1", 300);

        APIGatewayV2HTTPResponse self = send(AdminFunction.GET_MEMBER, Map.of("org", org, "user", "u1"), null, u1);
        assertEquals(200, self.getStatusCode(), self.getBody());
        assertEquals("张三", Api.body(self).get("name").asText());
        assertEquals("U1", Api.body(self).get("platformUserIds").get("slack").asText());

        APIGatewayV2HTTPResponse other = send(AdminFunction.GET_MEMBER, Map.of("org", org, "user", "u2"), null, u1);
        assertEquals(403, other.getStatusCode(), other.getBody());
        assertEquals("FORBIDDEN", Api.body(other).get("error").asText());
        assertFalse(other.getBody().contains("李四"));

        APIGatewayV2HTTPResponse ghost = send(AdminFunction.GET_MEMBER, Map.of("org", org, "user", "ghost"), null,
                u1);
        assertEquals(403, ghost.getStatusCode(), "whether someone else exists is not a member's business");
    }

    @Test
    void anAdminOfAnotherOrgIsForbiddenEverywhere() {
        putGroup("east", groupSpec("华东", "FUNCTION", "sales", 15, List.of()));
        putMember("u1", memberSpec("张三", "sales", List.of(), null));
        String before = fx.snapshot();
        String stranger = StoreResource.tokens().mint("admin", "elsewhere", "boss", 300);
        List<APIGatewayV2HTTPEvent> events = List.of(
                Api.event(AdminFunction.GET_MEMBER, Map.of("org", org, "user", "u1"), null, stranger),
                Api.event(AdminFunction.GET_MEMBER, Map.of("org", org, "user", "ghost"), null, stranger),
                Api.event(AdminFunction.PUT_MEMBER, Map.of("org", org, "user", "u1"),
                        json(memberSpec("hijack", "sales", List.of(), null)), stranger),
                Api.event(AdminFunction.GET_GROUP, Map.of("org", org, "group", "east"), null, stranger),
                Api.event(AdminFunction.PUT_GROUP, Map.of("org", org, "group", "east"),
                        json(groupSpec("hijack", "FUNCTION", "sales", 500, List.of())), stranger),
                Api.event(AdminFunction.LIST_GROUPS, Map.of("org", org), null, stranger));
        for (APIGatewayV2HTTPEvent event : events) {
            APIGatewayV2HTTPResponse r = function.admin(event);
            assertEquals(403, r.getStatusCode(), event.getRouteKey() + ": " + r.getBody());
            assertEquals("FORBIDDEN", Api.body(r).get("error").asText());
            assertFalse(r.getBody().contains("华东") || r.getBody().contains("张三"), r.getBody());
        }
        assertEquals(before, fx.snapshot());
    }

    // ---- the Lambda entry point ----

    @Test
    void theLambdaEntryPointAnswersThroughTheRuntimeApi() throws Exception {
        String event = Api.JSON.writeValueAsString(Api.event(AdminFunction.PUT_GROUP,
                Map.of("org", org, "group", "east"), json(groupSpec("华东客户维护群", "FUNCTION", "sales", 15,
                        List.of("boss"))), admin));
        String response = given().contentType("application/json").body(event).when().post()
                .then().statusCode(200).body("statusCode", equalTo(200)).extract().asString();
        JsonNode body = Api.JSON.readTree(Api.JSON.readTree(response).get("body").asText());
        assertEquals("east", body.get("groupId").asText());
        assertEquals("华东客户维护群", body.get("name").asText());
        assertEquals(15, body.get("free").asInt());
        assertEquals("华东客户维护群", fx.storedGroup(org, "east").name());

        String denied = Api.JSON.writeValueAsString(Api.event(AdminFunction.GET_GROUP,
                Map.of("org", org, "group", "east"), null, null));
        given().contentType("application/json").body(denied).when().post()
                .then().statusCode(200).body("statusCode", equalTo(401));
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
