package io.headcount.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OverflowMode;
import io.headcount.seating.Seating;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Normalised events through the real ingest handler against the emulator: what is kept, counted, and once. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class IngestTest extends StoreTest {
    @Inject
    IngestFunction function;
    @Inject
    Seating seating;

    String org;
    String bot;
    Instant t0;

    @BeforeEach
    void setUp() {
        org = Fixtures.newOrg("ing");
        bot = StoreResource.tokens().mint("bot", org, "connector", 600);
        t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        fx.group(org, "east", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
        fx.member(org, "li", "sales", List.of());
        fx.member(org, "wang", "sales", List.of());
        fx.member(org, "zhao", "sales", List.of());
        seating.join(org, "east", "li");
        seating.join(org, "east", "wang");
    }

    APIGatewayV2HTTPResponse post(String body) {
        return function.ingest(Api.event(IngestFunction.EVENTS, Map.of("org", org), body, bot));
    }

    JsonNode ok(String body) {
        APIGatewayV2HTTPResponse r = post(body);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Api.body(r);
    }

    static String batch(Map<?, ?>... events) {
        return Api.json(Map.of("events", List.of(events)));
    }

    Map<String, Object> message(String id, String user, Instant at, String text) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "message");
        e.put("messageId", id);
        e.put("groupId", "east");
        e.put("userId", user);
        e.put("at", at.atOffset(ZoneOffset.ofHours(8)).toString());
        e.put("text", text);
        return e;
    }

    Map<String, Object> about(String type, String id, String user, Instant at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("messageId", id);
        e.put("groupId", "east");
        e.put("userId", user);
        e.put("at", at.toString());
        return e;
    }

    Map<String, AttributeValue> item(Keys.Key key) {
        return table.get(key).orElseThrow(() -> new AssertionError("no item " + key));
    }

    long counter(Keys.Key key, String name) {
        return table.get(key).map(i -> Attrs.num(i, name)).orElse(0L);
    }

    static void assertAnswer(JsonNode answer, int accepted, int duplicates) {
        assertEquals(accepted, answer.get("accepted").asInt(), answer.toString());
        assertEquals(duplicates, answer.get("duplicates").asInt(), answer.toString());
        assertEquals(0, answer.get("rejected").size(), answer.toString());
    }

    @Test
    void messagesAreKeptParsedAndCountedForMemberGroupAndSeat() {
        String body = batch(
                message("m1", "li", t0, "【客户反馈】华东区客户反映报价太慢，请问谁能跟进？"),
                message("m2", "wang", t0.plusSeconds(60), "#求助 合同模板在哪里"),
                message("m3", "li", t0.plusSeconds(120), "收到，谢谢"));
        assertAnswer(ok(body), 3, 0);

        Map<String, AttributeValue> m1 = item(Keys.message(org, "api", "m1"));
        assertEquals("客户反馈", Attrs.str(m1, "tag"));
        assertTrue(m1.get("tagKnown").bool());
        assertTrue(m1.get("feedback").bool());
        assertTrue(m1.get("question").bool());
        assertEquals(t0.plus(Duration.ofDays(90)).getEpochSecond(), Attrs.num(m1, Keys.TTL), "retention 90 days");
        assertEquals(Keys.groupDay(org, "east", t0.atOffset(ZoneOffset.UTC).toLocalDate()), Attrs.str(m1, Keys.GSI1PK));
        assertTrue(item(Keys.message(org, "api", "m3")).get("courtesy").bool());

        assertEquals(2, counter(Keys.memberActivity(org, "li"), "messages"));
        assertEquals(1, counter(Keys.memberActivity(org, "wang"), "messages"));
        assertEquals(3, counter(Keys.groupActivity(org, "east"), "messages"));
        assertEquals(2, counter(Keys.seat(org, "east", "li"), "messages"));
        assertEquals(Instant.parse(Attrs.str(item(Keys.memberActivity(org, "li")), "lastActiveAt")),
                t0.plusSeconds(120));
        // The seat was taken after these messages were written: its last activity stays at the later time.
        assertFalse(Instant.parse(Attrs.str(item(Keys.seat(org, "east", "li")), "lastActiveAt"))
                .isBefore(t0.plusSeconds(120)));
    }

    @Test
    void aBatchPostedThreeTimesIsKeptOnce() {
        String body = batch(
                message("r1", "li", t0, "【任务】@wang 明天拜访客户"),
                message("r2", "wang", t0.plusSeconds(5), "好的"),
                message("r3", "zhao", t0.plusSeconds(9), "[商机] 新客户线索"));
        assertAnswer(ok(body), 3, 0);
        String after = fx.snapshot();
        assertAnswer(ok(body), 0, 3);
        assertAnswer(ok(body), 0, 3);
        assertEquals(after, fx.snapshot(), "redeliveries change nothing");
        assertEquals(3, counter(Keys.groupActivity(org, "east"), "messages"));
        assertEquals(1, counter(Keys.memberActivity(org, "zhao"), "messages"));
        assertFalse(table.get(Keys.seat(org, "east", "zhao")).isPresent(), "an unseated author gets no seat");
    }

    @Test
    void anOlderMessageArrivingLateDoesNotMoveLastActiveBack() {
        assertAnswer(ok(batch(message("late2", "li", t0.plusSeconds(600), "后来的"))), 1, 0);
        assertAnswer(ok(batch(message("late1", "li", t0, "先来的"))), 1, 0);
        assertEquals(t0.plusSeconds(600),
                Instant.parse(Attrs.str(item(Keys.memberActivity(org, "li")), "lastActiveAt")));
        assertEquals(2, counter(Keys.memberActivity(org, "li"), "messages"));
    }

    @Test
    void editsReplaceTheTextOnceAndOnlyForwardInTime() {
        ok(batch(message("e1", "li", t0, "#求助 报价单模板在哪")));
        Map<String, Object> edit = about("edited", "e1", "li", t0.plusSeconds(30));
        edit.put("text", "【案例分享】上周签约的案例");
        assertAnswer(ok(batch(edit)), 1, 0);
        Map<String, AttributeValue> m = item(Keys.message(org, "api", "e1"));
        assertEquals("【案例分享】上周签约的案例", Attrs.str(m, "text"));
        assertEquals("案例分享", Attrs.str(m, "tag"));
        assertTrue(m.get("caseShared").bool());
        assertFalse(m.get("question").bool());

        assertAnswer(ok(batch(edit)), 0, 1);
        Map<String, Object> older = about("edited", "e1", "li", t0.plusSeconds(10));
        older.put("text", "旧的编辑");
        assertAnswer(ok(batch(older)), 0, 1);
        assertEquals("【案例分享】上周签约的案例", Attrs.str(item(Keys.message(org, "api", "e1")), "text"));
        assertEquals(1, counter(Keys.memberActivity(org, "li"), "messages"), "an edit is not a new message");
    }

    @Test
    void aDeletionDropsTheTextOnceAndKeepsTheCount() {
        ok(batch(message("d1", "li", t0, "发错群了")));
        Map<String, Object> deleted = about("deleted", "d1", "li", t0.plusSeconds(5));
        assertAnswer(ok(batch(deleted)), 1, 0);
        assertAnswer(ok(batch(deleted)), 0, 1);
        Map<String, AttributeValue> m = item(Keys.message(org, "api", "d1"));
        assertNull(m.get("text"), "no text kept after deletion");
        assertEquals("li", Attrs.str(m, "deletedBy"));
        assertEquals(1, counter(Keys.memberActivity(org, "li"), "messages"));

        Map<String, Object> edit = about("edited", "d1", "li", t0.plusSeconds(9));
        edit.put("text", "复活");
        assertAnswer(ok(batch(edit)), 0, 1);
        assertNull(item(Keys.message(org, "api", "d1")).get("text"), "a deleted message is not edited back");
    }

    @Test
    void removalByAnAdminCountsAgainstTheAuthorOnce() {
        ok(batch(message("x1", "wang", t0, "刷屏广告")));
        Map<String, Object> removed = about("removed_by_admin", "x1", "li", t0.plusSeconds(60));
        assertAnswer(ok(batch(removed)), 1, 0);
        assertAnswer(ok(batch(removed)), 0, 1);
        assertEquals(1, counter(Keys.memberActivity(org, "wang"), "removedByAdmin"));
        assertEquals(0, counter(Keys.memberActivity(org, "li"), "removedByAdmin"));
        assertEquals(1, counter(Keys.groupActivity(org, "east"), "removedByAdmin"));
        Map<String, AttributeValue> m = item(Keys.message(org, "api", "x1"));
        assertNull(m.get("text"));
        assertEquals("li", Attrs.str(m, "removedBy"));
    }

    @Test
    void reactionsAreASetAndOwnReactionsAreNotReceived() {
        Map<String, Object> like = about("reaction_added", "p1", "wang", t0.plusSeconds(10));
        like.put("reaction", "thumbsup");
        Map<String, Object> own = about("reaction_added", "p1", "li", t0.plusSeconds(11));
        own.put("reaction", "thumbsup");
        // The reactions come in the same batch as their message, after it.
        JsonNode answer = ok(batch(message("p1", "li", t0, "【案例分享】签约复盘"), like, own, like));
        assertEquals(3, answer.get("accepted").asInt(), answer.toString());
        assertEquals(1, answer.get("duplicates").asInt(), answer.toString());
        assertEquals(1, counter(Keys.memberActivity(org, "li"), "reactionsReceived"), "own reaction not counted");
        assertEquals(2, counter(Keys.groupActivity(org, "east"), "reactions"));
        assertEquals(List.of("li thumbsup", "wang thumbsup"),
                item(Keys.message(org, "api", "p1")).get("reactions").ss().stream().sorted().toList());

        Map<String, Object> unlike = about("reaction_removed", "p1", "wang", t0.plusSeconds(20));
        unlike.put("reaction", "thumbsup");
        assertAnswer(ok(batch(unlike)), 1, 0);
        assertAnswer(ok(batch(unlike)), 0, 1);
        assertEquals(0, counter(Keys.memberActivity(org, "li"), "reactionsReceived"));
        assertEquals(1, counter(Keys.groupActivity(org, "east"), "reactions"));
    }

    @Test
    void aRemovalArrivingBeforeItsAdditionLeavesTheReactionRemoved() {
        ok(batch(message("o1", "li", t0, "【通知】周五团建")));
        Map<String, Object> add = about("reaction_added", "o1", "wang", t0.plusSeconds(10));
        add.put("reaction", "tada");
        Map<String, Object> remove = about("reaction_removed", "o1", "wang", t0.plusSeconds(20));
        remove.put("reaction", "tada");
        assertAnswer(ok(batch(remove)), 1, 0);
        assertAnswer(ok(batch(add)), 0, 1);
        assertNull(item(Keys.message(org, "api", "o1")).get("reactions"), "the later removal wins");
        assertEquals(0, counter(Keys.memberActivity(org, "li"), "reactionsReceived"));
        assertEquals(0, counter(Keys.groupActivity(org, "east"), "reactions"));
    }

    @Test
    void eventsAboutUnknownMessagesAreRefusedWithTheReason() {
        Map<String, Object> like = about("reaction_added", "nope", "wang", t0);
        like.put("reaction", "heart");
        JsonNode answer = ok(batch(like, about("deleted", "nope2", "li", t0)));
        assertEquals(0, answer.get("accepted").asInt());
        assertEquals(2, answer.get("rejected").size());
        assertTrue(answer.get("rejected").get(0).get("reason").asText().contains("not known"), answer.toString());
        assertEquals(1, answer.get("rejected").get(1).get("index").asInt());
    }

    @Test
    void longTextIsKeptTruncatedAndFlagged() {
        String text = "长".repeat(4_500);
        assertAnswer(ok(batch(message("long", "li", t0, text))), 1, 0);
        Map<String, AttributeValue> m = item(Keys.message(org, "api", "long"));
        assertEquals(4_000, Attrs.str(m, "text").length());
        assertTrue(m.get("truncated").bool());
    }

    @Test
    void chatJoinsAndLeavesReconcileSeatsOnce() {
        Map<String, Object> joined = about("member_joined", null, "zhao", t0);
        joined.remove("messageId");
        assertAnswer(ok(batch(joined)), 1, 0);
        assertEquals(3, fx.storedGroup(org, "east").memberCount());
        assertEquals(3, fx.seatItems(org, "east"));
        assertEquals(1, fx.storedMember(org, "zhao").groupCount());
        assertAnswer(ok(batch(joined)), 0, 1);
        assertEquals(3, fx.storedGroup(org, "east").memberCount());

        Map<String, Object> left = about("member_left", null, "zhao", t0.plusSeconds(60));
        left.remove("messageId");
        assertAnswer(ok(batch(left)), 1, 0);
        assertAnswer(ok(batch(left)), 0, 1);
        // A redelivered join after the leave stays a duplicate: zhao is not seated again.
        assertAnswer(ok(batch(joined)), 0, 1);
        assertEquals(2, fx.storedGroup(org, "east").memberCount());
        assertEquals(2, fx.seatItems(org, "east"));
        assertEquals(0, fx.storedMember(org, "zhao").groupCount());

        // Leaving again (a new event) finds no seat: kept, and the counter stays at 2, never lower than the seats.
        Map<String, Object> again = about("member_left", null, "zhao", t0.plusSeconds(90));
        again.remove("messageId");
        assertAnswer(ok(batch(again)), 1, 0);
        assertEquals(2, fx.storedGroup(org, "east").memberCount());
    }

    @Test
    void aChatJoinBeyondThePlatformsHardCapIsRefused() {
        table.update(io.headcount.adapters.Write.update(Keys.policy(org), "SET #hardCap = :cap").value(":cap", 2));
        Map<String, Object> joined = about("member_joined", null, "zhao", t0);
        joined.remove("messageId");
        JsonNode answer = ok(batch(joined));
        assertEquals(0, answer.get("accepted").asInt());
        assertTrue(answer.get("rejected").get(0).get("reason").asText().contains("hard cap"), answer.toString());
        assertEquals(2, fx.storedGroup(org, "east").memberCount());
        assertEquals(2, fx.seatItems(org, "east"));
    }

    @Test
    void aChatJoinIntoAnArchivedGroupIsRefusedAndWritesNothing() {
        table.update(io.headcount.adapters.Write.update(Keys.group(org, "east"), "SET #status = :archived")
                .value(":archived", "ARCHIVED"));
        Map<String, Object> joined = about("member_joined", null, "zhao", t0);
        joined.remove("messageId");
        String before = fx.snapshot();
        JsonNode answer = ok(batch(joined));
        assertEquals(0, answer.get("accepted").asInt());
        assertTrue(answer.get("rejected").get(0).get("reason").asText().contains("archived"), answer.toString());
        assertEquals(before, fx.snapshot());
    }

    @Test
    void slackUrlVerificationGetsItsChallengeBack() {
        JsonNode answer = ok("{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"challenge\":"
                + "\"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P\",\"type\":\"url_verification\"}");
        assertEquals("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P", answer.get("challenge").asText());
    }

    @Test
    void aSlackMessageIsMappedThroughTheLinksAndKeptUnderItsChannel() {
        fx.groupOnChat(org, "west", 15, "C024BE91L");
        fx.memberOnPlatforms(org, "sun", Map.of("slack", "U2147483697"));
        fx.memberOnPlatforms(org, "qian", Map.of("slack", "U0G9QF9C6"));
        long ts = t0.getEpochSecond();
        String payload = "{\"token\":\"z\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\","
                + "\"event_id\":\"Ev1\",\"event_time\":" + ts + ",\"event\":{\"type\":\"message\",\"channel\":"
                + "\"C024BE91L\",\"user\":\"U2147483697\",\"text\":\"#求助 <@U0G9QF9C6> 报价审批卡住了？\","
                + "\"ts\":\"" + ts + ".000200\",\"channel_type\":\"channel\"}}";
        assertAnswer(ok(payload), 1, 0);
        assertAnswer(ok(payload), 0, 1);
        Map<String, AttributeValue> m = item(Keys.message(org, "slack", "C024BE91L:" + ts + ".000200"));
        assertEquals("west", Attrs.str(m, "groupId"));
        assertEquals("sun", Attrs.str(m, "userId"));
        assertEquals(List.of("qian"), Attrs.strings(m, "mentions"));
        assertTrue(m.get("question").bool());

        String unknown = payload.replace("C024BE91L", "CUNKNOWN1");
        JsonNode answer = ok(unknown);
        assertEquals(0, answer.get("accepted").asInt());
        assertTrue(answer.get("rejected").get(0).get("reason").asText().contains("not linked"), answer.toString());
    }

    @Test
    void aBotMessageIsIgnoredNotRefused() {
        fx.groupOnChat(org, "west", 15, "C024BE91L");
        String payload = "{\"type\":\"event_callback\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"event_id\":\"Ev2\","
                + "\"event_time\":" + t0.getEpochSecond() + ",\"event\":{\"type\":\"message\",\"subtype\":"
                + "\"bot_message\",\"bot_id\":\"B1\",\"channel\":\"C024BE91L\",\"text\":\"日报\",\"ts\":\""
                + t0.getEpochSecond() + ".000100\"}}";
        JsonNode answer = ok(payload);
        assertEquals(1, answer.get("ignored").asInt(), answer.toString());
        assertEquals(0, answer.get("accepted").asInt());
    }

    @Test
    void aMessageListsIndexesOfRefusedEventsAndKeepsTheRest() {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(message("ok1", "li", t0, "正常"));
        events.add(message("bad", "ghost", t0, "不是成员"));
        events.add(message("ok2", "wang", t0, "正常"));
        JsonNode answer = ok(Api.json(Map.of("events", events)));
        assertEquals(2, answer.get("accepted").asInt());
        assertEquals(1, answer.get("rejected").get(0).get("index").asInt());
        assertTrue(answer.get("rejected").get(0).get("reason").asText().contains("ghost"));
        assertFalse(table.get(Keys.message(org, "api", "bad")).isPresent());
    }
}
