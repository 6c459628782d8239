package io.headcount.scorereward;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.domain.ChatEvent;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OverflowMode;
import io.headcount.domain.Period;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Leaderboards, personal scores, the CSV export and the weekly ledger through the real handler. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class ScoreRewardTest extends StoreTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Inject
    ScoreRewardFunction function;

    String org;
    String admin;
    LocalDate lastMonday;

    @BeforeEach
    void setUp() {
        org = Fixtures.newOrg("score");
        admin = StoreResource.tokens().mint("admin", org, "boss", 600);
        lastMonday = Period.WEEK.first(LocalDate.now(ZONE)).minusDays(7);
        fx.group(org, "east", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
        fx.group(org, "west", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
        for (String u : List.of("expert", "asker", "paster", "quiet")) {
            fx.member(org, u, "sales", List.of());
        }
        table.put(new HashMap<>(Keys.orgListing(org).toMap()));
    }

    void say(String group, String id, String user, Instant at, String text, String replyTo) {
        fx.message(org, new ChatEvent("api", ChatEvent.Kind.MESSAGE, id, group, user, at, text, false, replyTo,
                List.of(), null), Policy.DEFAULT);
    }

    Instant lastWeek(int day, String time) {
        return lastMonday.plusDays(day).atTime(LocalTime.parse(time)).atZone(ZONE).toInstant();
    }

    /** Last week: three fast answers from the expert in east, a pasted sentence in west. */
    void aWeek() {
        String[][] qa = {{"10:00", "10:05"}, {"11:00", "11:10"}, {"14:00", "14:20"}};
        for (int i = 0; i < qa.length; i++) {
            say("east", "q" + i, "asker", lastWeek(1, qa[i][0]), "#求助 客户第" + i + "个问题怎么处理？", null);
            say("east", "a" + i, "expert", lastWeek(1, qa[i][1]), "【讨论】详细说明第" + i + "个问题的处理步骤和负责人", "q" + i);
        }
        for (int i = 0; i < 10; i++) {
            say("west", "p" + i, "paster", lastWeek(2, "09:00").plusSeconds(300L * i), "【商机】华东有新客户，请联系我", null);
        }
    }

    APIGatewayV2HTTPResponse get(String route, Map<String, String> params, Map<String, String> query, String token) {
        APIGatewayV2HTTPEvent event = Api.event(route, params, null, token);
        event.setQueryStringParameters(new HashMap<>(query));
        return function.handle(event);
    }

    JsonNode ok(APIGatewayV2HTTPResponse r) {
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Api.body(r);
    }

    @Test
    void theLeaderboardRanksSubstanceFirstWithItsBreakdown() {
        aWeek();
        JsonNode board = ok(get(ScoreRewardFunction.LEADERBOARD, Map.of("org", org),
                Map.of("period", "week", "date", lastMonday.plusDays(3).toString()), admin));
        assertEquals("week", board.get("period").asText());
        assertEquals(lastMonday.toString(), board.get("date").asText());
        JsonNode first = board.get("entries").get(0);
        assertEquals(1, first.get("rank").asInt());
        assertEquals("expert", first.get("userId").asText());
        assertEquals(3 * (1 + 1 + 3 + 2), first.get("points").asInt(), first.toString());
        assertTrue(first.get("badges").toString().contains("FAST_RESPONDER"));
        assertEquals(9, first.get("breakdown").get("answers").asInt());
        // The asker's three tagged questions (2 each) rank above one pasted sentence kept once (2).
        assertEquals("asker", board.get("entries").get(1).get("userId").asText());
        JsonNode paster = board.get("entries").get(2);
        assertEquals("paster", paster.get("userId").asText());
        assertEquals(2, paster.get("points").asInt());
        assertEquals(9, paster.get("rules").get("DUPLICATE").asInt());

        JsonNode west = ok(get(ScoreRewardFunction.LEADERBOARD, Map.of("org", org),
                Map.of("date", lastMonday.toString(), "group", "west"), admin));
        assertEquals("west", west.get("group").asText());
        assertTrue(west.get("recognition").asText().startsWith("【本周贡献】"), west.toString());
        assertTrue(board.get("recognition").asText().contains("1. expert 21 分（本周之星、快速响应）"),
                board.get("recognition").asText());
        assertEquals(1, west.get("entries").size());
        assertEquals("paster", west.get("entries").get(0).get("userId").asText());
    }

    @Test
    void thePolicysWeightsAndTagRuleDecideThePoints() {
        aWeek();
        say("east", "plain", "quiet", lastWeek(3, "10:00"), "明天下午去拜访老客户", null);
        Policy policy = new io.headcount.domain.PolicySpec(null, null, null, null, null, null, null, null, null, null,
                null, true, Map.of("answer", 5), null, null).apply(Policy.DEFAULT).value();
        table.update(io.headcount.adapters.Policies.save(org, policy));
        JsonNode board = ok(get(ScoreRewardFunction.LEADERBOARD, Map.of("org", org),
                Map.of("date", lastMonday.toString()), admin));
        assertEquals(3 * (1 + 1 + 5 + 2), board.get("entries").get(0).get("points").asInt(), board.toString());
        JsonNode quiet = ok(get(ScoreRewardFunction.MEMBER_SCORE, Map.of("org", org, "user", "quiet"),
                Map.of("date", lastMonday.toString()), admin));
        assertEquals(0, quiet.get("score").get("points").asInt(), "1 for the message, -1 for no tag");
        assertEquals(-1, quiet.get("score").get("breakdown").get("untagged").asInt());
    }

    @Test
    void hrGetsACsvAndOnlyAdminsMayExportIt() {
        aWeek();
        APIGatewayV2HTTPEvent event = Api.event(ScoreRewardFunction.LEADERBOARD, Map.of("org", org), null, admin);
        event.setQueryStringParameters(Map.of("date", lastMonday.toString()));
        event.getHeaders().put("accept", "text/csv");
        APIGatewayV2HTTPResponse r = function.handle(event);
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("text/csv; charset=utf-8", r.getHeaders().get("Content-Type"));
        String[] lines = r.getBody().split("\r\n");
        assertTrue(lines[0].startsWith("rank,userId,points,badges,streak,messages"), lines[0]);
        assertTrue(lines[1].startsWith("1,expert,21,"), lines[1]);
        assertEquals(4, lines.length, "header, expert, asker, paster");

        event.getHeaders().put("authorization", "Bearer " + StoreResource.tokens().mint("member", org, "expert", 600));
        assertEquals(403, function.handle(event).getStatusCode());
    }

    @Test
    void aMemberReadsItsOwnScoreAndAdminsReadAnyone() {
        aWeek();
        Map<String, String> week = Map.of("date", lastMonday.toString());
        String expert = StoreResource.tokens().mint("member", org, "expert", 600);
        JsonNode mine = ok(get(ScoreRewardFunction.MEMBER_SCORE, Map.of("org", org, "user", "expert"), week, expert));
        assertEquals(21, mine.get("score").get("points").asInt());
        assertEquals(403, get(ScoreRewardFunction.MEMBER_SCORE, Map.of("org", org, "user", "paster"), week, expert)
                .getStatusCode());
        JsonNode quiet = ok(get(ScoreRewardFunction.MEMBER_SCORE, Map.of("org", org, "user", "quiet"), week, admin));
        assertEquals(0, quiet.get("score").get("points").asInt());
        String foreign = StoreResource.tokens().mint("admin", "another-org", "boss", 600);
        assertEquals(403, get(ScoreRewardFunction.LEADERBOARD, Map.of("org", org), week, foreign).getStatusCode());
        String bot = StoreResource.tokens().mint("bot", org, "connector", 600);
        assertEquals(403, get(ScoreRewardFunction.LEADERBOARD, Map.of("org", org), week, bot).getStatusCode());
        assertEquals(401, get(ScoreRewardFunction.LEADERBOARD, Map.of("org", org), week, null).getStatusCode());
    }

    @Test
    void badQueriesAre422() {
        Map<String, String> params = Map.of("org", org);
        assertEquals(422, get(ScoreRewardFunction.LEADERBOARD, params, Map.of("period", "day"), admin).getStatusCode());
        assertEquals(422, get(ScoreRewardFunction.LEADERBOARD, params, Map.of("date", "soon"), admin).getStatusCode());
        assertEquals(422, get(ScoreRewardFunction.LEADERBOARD, params, Map.of("group", "no way"), admin)
                .getStatusCode());
    }

    /** Answers within this week, at most a few minutes ago (never in the future, never in last week). */
    void thisWeek() {
        Instant monday = Period.WEEK.start(LocalDate.now(ZONE), ZONE);
        Instant base = Instant.now().minusSeconds(3600).isBefore(monday) ? monday.plusSeconds(1)
                : Instant.now().minusSeconds(3600);
        for (int i = 0; i < 3; i++) {
            say("east", "tq" + i, "asker", base.plusSeconds(120L * i), "#求助 本周第" + i + "个问题？", null);
            say("east", "ta" + i, "expert", base.plusSeconds(120L * i + 60), "【讨论】本周第" + i + "个问题的完整答复", "tq" + i);
        }
    }

    @Test
    void theWeeklyRunWritesEachAwardOnceHoweverOftenItRuns() {
        thisWeek();
        List<WeeklyReport> reports = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            reports.add((WeeklyReport) function.scoreReward(Map.of("schedule", "weekly-scores")));
        }
        LocalDate monday = Period.WEEK.first(LocalDate.now(ZONE));
        List<String> awards = new ArrayList<>();
        table.queryAll(Keys.ledgerWeek(org, monday), "MEMBER#", false)
                .forEach(item -> awards.add(Attrs.str(item, "userId") + ":" + Attrs.str(item, "award")));
        assertFalse(awards.isEmpty(), "the expert earned badges");
        assertEquals(awards.stream().distinct().count(), awards.size());
        assertTrue(awards.contains("expert:TOP_CONTRIBUTOR"), awards.toString());
        int written = reports.stream().mapToInt(WeeklyReport::awardsWritten).sum();
        assertEquals(awards.size(), written, "written once, by the first run: " + reports);
        assertTrue(reports.get(2).awardsAlreadyKept() >= awards.size() - 0, reports.toString());
        var week = table.get(Keys.scoreWeek(org, monday)).orElseThrow();
        assertTrue(week.get("recognition").s().contains("expert"));
        assertTrue(week.get("groupRecognition").m().get("east").s().contains("expert"), week.toString());
    }

    @Test
    void theScheduledEventRunsThroughTheLambdaRuntime() throws Exception {
        thisWeek();
        String event = Files.readString(Path.of("../../infra/events/score-weekly.json"));
        Map<String, Object> parsed = Api.JSON.readValue(event, new TypeReference<Map<String, Object>>() { });
        assertEquals(Map.of("schedule", "weekly-scores"), parsed);
        String response = given().contentType("application/json").body(event).when().post()
                .then().statusCode(200).extract().asString();
        JsonNode report = Api.JSON.readTree(response);
        assertEquals("weekly-scores", report.get("job").asText());
        assertTrue(report.get("orgs").asInt() >= 1);
        assertThrows(IllegalArgumentException.class, () -> function.scoreReward(Map.of("schedule", "daily-digest")));
    }
}
