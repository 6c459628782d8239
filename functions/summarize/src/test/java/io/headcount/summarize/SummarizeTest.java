package io.headcount.summarize;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.domain.ChatEvent;
import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.OverflowMode;
import io.headcount.domain.Policy;
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
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Digests through the real summarize handler against the emulator: on demand, rolled up, and scheduled. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class SummarizeTest extends StoreTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** The day the messages are written on: a few days back, inside the retention window. */
    LocalDate day;

    @Inject
    SummarizeFunction function;

    String org;
    String admin;

    @BeforeEach
    void setUp() {
        org = Fixtures.newOrg("sum");
        admin = StoreResource.tokens().mint("admin", org, "boss", 600);
        day = LocalDate.now(ZONE).minusDays(3);
        fx.group(org, "east", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
        for (String u : List.of("li", "wang", "zhao", "sun", "qian")) {
            fx.member(org, u, "sales", List.of());
            fx.seat(org, "east", u);
        }
        fx.member(org, "outsider", "sales", List.of());
        table.put(new HashMap<>(Keys.orgListing(org).toMap()));
    }

    Instant at(String time) {
        return day.atTime(LocalTime.parse(time)).atZone(ZONE).toInstant();
    }

    void say(String group, String id, String user, String time, String text, String replyTo) {
        fx.message(org, new ChatEvent("api", ChatEvent.Kind.MESSAGE, id, group, user, at(time), text, false, replyTo,
                List.of(), null), Policy.DEFAULT);
    }

    void aDay() {
        say("east", "q1", "li", "10:00", "#求助 报价单模板在哪？", null);
        say("east", "a1", "wang", "10:06", "共享盘/模板/报价", "q1");
        say("east", "q2", "zhao", "11:00", "请问下周拜访谁去？", null);
        say("east", "f1", "wang", "14:00", "【客户反馈】华东客户嫌交付慢", null);
        say("east", "t1", "li", "15:00", "收到", "f1");
    }

    APIGatewayV2HTTPResponse summary(String group, String token, String period, String date) {
        var event = Api.event(SummarizeFunction.GROUP_SUMMARY, Map.of("org", org, "group", group), null, token);
        Map<String, String> query = new HashMap<>();
        if (period != null) {
            query.put("period", period);
        }
        if (date != null) {
            query.put("date", date);
        }
        event.setQueryStringParameters(query);
        return function.handle(event);
    }

    JsonNode ok(APIGatewayV2HTTPResponse r) {
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Api.body(r);
    }

    @Test
    void aGroupDigestAnswersEveryContractField() {
        aDay();
        JsonNode d = ok(summary("east", admin, "day", day.toString()));
        assertEquals("east", d.get("groupId").asText());
        assertEquals("day", d.get("period").asText());
        assertEquals(day.toString(), d.get("date").asText());
        assertEquals(5, d.get("messages").asInt());
        assertEquals(3, d.get("activeMembers").asInt());
        assertEquals(0.6, d.get("participation").asDouble());
        assertEquals(2, d.get("questions").get("asked").asInt());
        assertEquals(1, d.get("questions").get("answered").asInt());
        assertEquals("q2", d.get("questions").get("open").get(0).get("messageId").asText());
        assertEquals("zhao", d.get("questions").get("open").get(0).get("userId").asText());
        assertEquals(at("11:00").toString(), d.get("questions").get("open").get(0).get("at").asText());
        assertEquals(360, d.get("firstResponse").get("medianSeconds").asLong());
        assertTrue(d.get("health").get("score").asInt() > 0);
        assertEquals(5, d.get("health").get("parts").size());
        assertTrue(d.get("topics").isArray());
        assertTrue(d.get("text").asText().startsWith("【群日报】群 east"), d.get("text").asText());
        assertEquals(List.of("qian", "sun"), Api.JSON.convertValue(d.get("silentMembers"),
                new TypeReference<List<String>>() { }));
        assertEquals("f1", d.get("feedback").get(0).get("messageId").asText());
    }

    @Test
    void aMemberOfTheGroupReadsItWithoutTheSilentList() {
        aDay();
        String member = StoreResource.tokens().mint("member", org, "sun", 600);
        JsonNode d = ok(summary("east", member, "day", day.toString()));
        assertEquals(5, d.get("messages").asInt());
        assertNull(d.get("silentMembers"));
        assertFalse(d.get("text").asText().contains("未发言"), d.get("text").asText());
    }

    @Test
    void theGroupsAdminSeesTheSilentListToo() {
        Group east = fx.storedGroup(org, "east");
        table.update(GroupItems.upsert(org, new Group(east.groupId(), east.name(), east.kind(), east.key(), east.cap(),
                east.minSize(), List.of("lead"), 0, 0, GroupStatus.ACTIVE, null, east.overflow(), null, null)));
        String lead = StoreResource.tokens().mint("group-admin", org, "lead", 600);
        assertTrue(ok(summary("east", lead, "day", day.toString())).get("silentMembers").isArray());
    }

    @Test
    void outsidersCannotReadADigest() {
        aDay();
        fx.group(org, "west", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
        fx.seat(org, "west", "outsider");
        String before = fx.snapshot();
        List<String> tokens = List.of(
                StoreResource.tokens().mint("member", org, "outsider", 600),
                StoreResource.tokens().mint("group-admin", org, "outsider", 600),
                StoreResource.tokens().mint("bot", org, "connector", 600),
                StoreResource.tokens().mint("admin", "another-org", "boss", 600),
                StoreResource.tokens().mint("member", "another-org", "li", 600));
        for (String token : tokens) {
            APIGatewayV2HTTPResponse r = summary("east", token, "day", day.toString());
            assertEquals(403, r.getStatusCode(), r.getBody());
            assertFalse(r.getBody().contains("报价"), r.getBody());
        }
        assertEquals(401, summary("east", null, "day", day.toString()).getStatusCode());
        assertEquals(401, summary("east", "not.a.jwt", "day", day.toString()).getStatusCode());
        assertEquals(before, fx.snapshot(), "refused reads make no digest");
        String member = StoreResource.tokens().mint("member", org, "li", 600);
        assertEquals(403, function.handle(Api.event(SummarizeFunction.ORG_SUMMARY, Map.of("org", org), null, member))
                .getStatusCode(), "the roll-up is for admins");
    }

    @Test
    void badQueriesAre422AndUnknownGroups404() {
        assertEquals(422, summary("east", admin, "month", null).getStatusCode());
        assertEquals(422, summary("east", admin, "day", "2026-13-01").getStatusCode());
        assertEquals(422, summary("east", admin, "day", "yesterday").getStatusCode());
        assertEquals(422, summary("east", admin, "day", "1999-12-31").getStatusCode());
        assertEquals(422, summary("east", admin, "day", LocalDate.now(ZONE).plusDays(5).toString()).getStatusCode());
        assertEquals(404, summary("ghost", admin, "day", null).getStatusCode());
        assertEquals(400, summary("bad id!", admin, "day", null).getStatusCode());
    }

    @Test
    void aReRunReplacesTheStoredDigestAndTheNextPeriodShowsTheChange() {
        aDay();
        ok(summary("east", admin, "day", day.toString()));
        say("east", "late", "sun", "16:00", "【通知】明天例会", null);
        JsonNode again = ok(summary("east", admin, "day", day.toString()));
        assertEquals(6, again.get("messages").asInt());
        assertEquals(1, table.queryAll(Keys.groupPartition(org, "east"), "DIGEST#", false).size(), "one per period");
        Map<String, AttributeValue> kept = table.get(Keys.digest(org, "east", "DAY", day)).orElseThrow();
        assertEquals(again.get("health").get("score").asInt(), Attrs.num(kept, "score"));

        JsonNode next = ok(summary("east", admin, "day", day.plusDays(1).toString()));
        assertEquals(0, next.get("messages").asInt());
        assertEquals(next.get("health").get("score").asInt() - again.get("health").get("score").asInt(),
                next.get("health").get("change").asInt());
    }

    @Test
    void aWeekDigestReadsEveryDayOfTheWeek() {
        LocalDate monday = day.with(java.time.DayOfWeek.MONDAY);
        day = monday;
        say("east", "mon", "li", "09:30", "【周报】上周回款", null);
        day = monday.plusDays(6);
        say("east", "sun", "wang", "23:30", "周日加班", null);
        day = monday.plusDays(7);
        say("east", "next", "zhao", "00:00", "下周一", null);
        JsonNode week = ok(summary("east", admin, "week", monday.plusDays(2).toString()));
        assertEquals(monday.toString(), week.get("date").asText());
        assertEquals(2, week.get("messages").asInt());
    }

    @Test
    void theRollUpRanksGroupsThatNeedAttention() {
        aDay();
        fx.group(org, "crowded", GroupKind.FUNCTION, "sales", 3, OverflowMode.DENY);
        for (String u : List.of("li", "wang", "zhao", "sun", "qian")) {
            fx.seat(org, "crowded", u);
        }
        var event = Api.event(SummarizeFunction.ORG_SUMMARY, Map.of("org", org), null, admin);
        event.setQueryStringParameters(Map.of("period", "day", "date", day.toString()));
        JsonNode roll = ok(function.handle(event));
        assertEquals(2, roll.get("groups").size());
        JsonNode first = roll.get("groups").get(0);
        assertEquals("crowded", first.get("groupId").asText());
        assertTrue(first.get("reasons").toString().contains("OVER_CAP"), first.toString());
        assertTrue(first.get("reasons").toString().contains("LOW_PARTICIPATION"), first.toString());
        assertEquals("east", roll.get("groups").get(1).get("groupId").asText());
    }

    @Test
    void theScheduledRunMakesEveryActiveGroupsDigestAndSurvivesABrokenGroup() throws Exception {
        aDay();
        fx.group(org, "broken", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
        LocalDate today = LocalDate.now(ZONE);
        // A message item that cannot be read (no time) in today's partition of one group.
        Map<String, AttributeValue> bad = new HashMap<>(Keys.message(org, "api", "bad").toMap());
        bad.put(Keys.GSI1PK, Attrs.s(Keys.groupDay(org, "broken", Instant.now().atOffset(java.time.ZoneOffset.UTC)
                .toLocalDate())));
        bad.put(Keys.GSI1SK, Attrs.s(Keys.groupDaySort(Instant.now().minusSeconds(60), "api", "bad")));
        bad.put("messageId", Attrs.s("bad"));
        table.put(bad);

        Map<String, Object> scheduled = Api.JSON.readValue(Files.readString(Path.of("../../infra/events/summarize-daily.json")),
                new TypeReference<Map<String, Object>>() { });
        ScheduleReport report = (ScheduleReport) function.summarize(scheduled);
        assertTrue(report.orgs() >= 1);
        assertTrue(report.failed().stream().anyMatch(f -> f.groupId().equals("broken") && org.equals(f.org())),
                report.toString());
        assertTrue(table.get(Keys.digest(org, "east", "DAY", today)).isPresent(), "the other group still has one");
        assertFalse(table.get(Keys.digest(org, "broken", "DAY", today)).isPresent());
    }

    @Test
    void theScheduledEventRunsThroughTheLambdaRuntime() throws Exception {
        String event = Files.readString(Path.of("../../infra/events/summarize-daily.json"));
        String response = given().contentType("application/json").body(event).when().post()
                .then().statusCode(200).extract().asString();
        JsonNode report = Api.JSON.readTree(response);
        assertEquals("daily-digest", report.get("job").asText());
        assertTrue(report.get("digests").asInt() >= 1, response);
        assertTrue(table.get(Keys.digest(org, "east", "DAY", LocalDate.now(ZONE))).isPresent());
    }

    @Test
    void anythingElseIsRefusedAsAnInvocationError() {
        assertThrows(IllegalArgumentException.class, () -> function.summarize(Map.of("schedule", "weekly-scores")));
        assertThrows(IllegalArgumentException.class, () -> function.summarize(Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> function.summarize(Map.of("schedule", "daily-digest", "extra", 1)));
    }

    @Test
    void anApiGatewayEventThroughTheEntryPointIsServedAsHttp() throws Exception {
        aDay();
        var event = Api.event(SummarizeFunction.GROUP_SUMMARY, Map.of("org", org, "group", "east"), null, admin);
        event.setQueryStringParameters(Map.of("date", day.toString()));
        Map<String, Object> raw = Api.JSON.readValue(Api.JSON.writeValueAsString(event),
                new TypeReference<Map<String, Object>>() { });
        APIGatewayV2HTTPResponse r = (APIGatewayV2HTTPResponse) function.summarize(raw);
        assertEquals(5, ok(r).get("messages").asInt());
    }
}
