package io.headcount.ingest.platform;

import static io.headcount.ingest.platform.DingTalkPayloadTest.assertEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WeComPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOM_EAST = "wrjc7bDwAASxc8tZvBErFE02BtPWyAAA";
    private static final String ROOM_SOUTH = "wrOgQhDgAAMYQiS5ol9G7gK9JVAAAA";
    private final WeComPayload wecom = new WeComPayload();

    static JsonNode load(String name) {
        try (InputStream in = WeComPayloadTest.class.getResourceAsStream("/payloads/wecom/" + name)) {
            assertNotNull(in, "fixture " + name);
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static PlatformEvent event(PlatformEvent.Kind kind, String eventId, String messageId, String chat,
            String user, Instant at, String text) {
        return new PlatformEvent("wecom", kind, eventId, messageId, chat, user, at, text, null, List.of(), null);
    }

    static Stream<Arguments> single() {
        var msg = PlatformEvent.Kind.MESSAGE;
        var del = PlatformEvent.Kind.DELETED;
        return Stream.of(
                Arguments.of("archive-text-feedback.json", event(msg, null,
                        "8125961235721475830_1718089132123_external", ROOM_EAST, "WangLei",
                        Instant.ofEpochMilli(1718089132123L), "【客户反馈】华东区客户反映交付延迟，请跟进")),
                Arguments.of("archive-text-help.json", event(msg, null, "CAQQluDa4QUY0On2rYSAgAMgzPrShAE=",
                        ROOM_EAST, "LiuYang", Instant.ofEpochMilli(1718090400456L),
                        "[求助] @陈静 华南区那家连锁客户的合同模板在哪里？")),
                Arguments.of("archive-markdown.json", event(msg, null, "1063582034187468223_1718177400789",
                        ROOM_EAST, "ChenJing", Instant.ofEpochMilli(1718177400789L),
                        "#案例分享 **某制造业客户续约成功**\n> 关键是提前两周做了回访")),
                Arguments.of("archive-mixed.json", event(msg, null, "DAQQluDa4QUY0On4weuAgAMgzPrShAE=",
                        ROOM_SOUTH, "ZhaoMin", Instant.ofEpochMilli(1718263800500L),
                        "【任务】下周一前提交季度拜访计划\n模板见上图")),
                Arguments.of("archive-image.json", event(msg, null, "CAQQ2fbb4QUY0On2rYSAgAMgip/yzgs=",
                        ROOM_EAST, "wmErxtDgAAhteCglUZH2kUt3rq431qmg", Instant.ofEpochMilli(1718264000000L),
                        null)),
                Arguments.of("archive-recall-feedback.json", event(del, "15775510700211545225_1718089300000",
                        "8125961235721475830_1718089132123_external", ROOM_EAST, "WangLei",
                        Instant.ofEpochMilli(1718089300000L), null)),
                Arguments.of("archive-recall-help.json", event(del, "14822339130445266151_1718090460000",
                        "CAQQluDa4QUY0On2rYSAgAMgzPrShAE=", ROOM_EAST, "LiuYang",
                        Instant.ofEpochMilli(1718090460000L), null)),
                Arguments.of("archive-recall-task.json", event(del, "9007199254740993_1718263900000",
                        "DAQQluDa4QUY0On4weuAgAMgzPrShAE=", ROOM_SOUTH, "ZhaoMin",
                        Instant.ofEpochMilli(1718263900000L), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("single")
    void readsArchiveRecords(String fixture, PlatformEvent expected) {
        JsonNode payload = load(fixture);
        assertTrue(wecom.recognises(payload));
        List<PlatformEvent> events = wecom.events(payload);
        assertEquals(1, events.size());
        assertEvent(expected, events.get(0));
    }

    static Stream<Arguments> membership() {
        var in = PlatformEvent.Kind.MEMBER_JOINED;
        var out = PlatformEvent.Kind.MEMBER_LEFT;
        return Stream.of(
                Arguments.of("chat-add-members.json", List.of(
                        event(in, null, null, ROOM_SOUTH, "SunHao", Instant.ofEpochSecond(1718352000L), null),
                        event(in, null, null, ROOM_SOUTH, "wmErxtDgAAhteCglUZH2kUt3rq431qmg",
                                Instant.ofEpochSecond(1718352000L), null))),
                Arguments.of("chat-add-member-single.json", List.of(
                        event(in, null, null, ROOM_EAST, "ZhouQiang", Instant.ofEpochSecond(1718438400L), null))),
                Arguments.of("chat-add-members-array.json", List.of(
                        event(in, null, null, ROOM_SOUTH, "WuTing", Instant.ofEpochSecond(1718524800L), null),
                        event(in, null, null, ROOM_SOUTH, "ZhengWei", Instant.ofEpochSecond(1718524800L), null))),
                Arguments.of("chat-del-members.json", List.of(
                        event(out, null, null, ROOM_SOUTH, "SunHao", Instant.ofEpochSecond(1718611200L), null),
                        event(out, null, null, ROOM_SOUTH, "ZhengWei", Instant.ofEpochSecond(1718611200L), null))),
                Arguments.of("chat-del-member-kicked.json", List.of(
                        event(out, null, null, ROOM_EAST, "wmErxtDgAAhteCglUZH2kUt3rq431qmg",
                                Instant.ofEpochSecond(1718697600L), null))),
                Arguments.of("chat-del-members-array.json", List.of(
                        event(out, null, null, ROOM_SOUTH, "WuTing", Instant.ofEpochSecond(1718784000L), null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("membership")
    void readsMembershipChanges(String fixture, List<PlatformEvent> expected) {
        JsonNode payload = load(fixture);
        assertTrue(wecom.recognises(payload));
        List<PlatformEvent> events = wecom.events(payload);
        assertEquals(expected.size(), events.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEvent(expected.get(i), events.get(i));
        }
    }

    @Test
    void platformName() {
        assertEquals("wecom", wecom.platform());
    }

    static Stream<Arguments> ignored() {
        return Stream.of(
                Arguments.of("single chat", "archive-single-chat.json", (Consumer<ObjectNode>) p -> { }),
                Arguments.of("member change without list", "chat-add-member-no-list.json",
                        (Consumer<ObjectNode>) p -> { }),
                Arguments.of("empty member list", "chat-add-members.json",
                        (Consumer<ObjectNode>) p -> p.set("MemChangeList", JSON.createObjectNode())),
                Arguments.of("switch log", "archive-text-feedback.json", (Consumer<ObjectNode>) p -> {
                    p.put("action", "switch"); // roomid kept so that the action, not the room, decides
                }),
                Arguments.of("agree record", "archive-text-feedback.json", (Consumer<ObjectNode>) p -> {
                    p.put("msgtype", "agree");
                    p.remove("text");
                }),
                Arguments.of("owner changed", "chat-add-members.json",
                        (Consumer<ObjectNode>) p -> p.put("UpdateDetail", "change_owner")),
                Arguments.of("group created", "chat-add-members.json",
                        (Consumer<ObjectNode>) p -> p.put("ChangeType", "create")),
                Arguments.of("group dismissed", "chat-add-members.json",
                        (Consumer<ObjectNode>) p -> p.put("ChangeType", "dismiss")),
                Arguments.of("other event", "chat-add-members.json",
                        (Consumer<ObjectNode>) p -> p.put("Event", "change_external_contact")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ignored")
    void irrelevantPayloadsGiveNothing(String name, String fixture, Consumer<ObjectNode> change) {
        ObjectNode payload = (ObjectNode) load(fixture);
        change.accept(payload);
        assertTrue(wecom.recognises(payload));
        assertEquals(List.of(), wecom.events(payload));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                bad("archive-text-feedback.json", "no from", p -> p.remove("from"), "from"),
                bad("archive-text-feedback.json", "no msgtime", p -> p.remove("msgtime"), "msgtime"),
                bad("archive-text-feedback.json", "msgtime not a number", p -> p.put("msgtime", "下午三点"),
                        "msgtime"),
                bad("archive-text-feedback.json", "unknown action", p -> p.put("action", "edit"), "action"),
                bad("archive-text-feedback.json", "no text object", p -> p.remove("text"), "text"),
                bad("archive-text-feedback.json", "text content not a string",
                        p -> ((ObjectNode) p.get("text")).put("content", 7), "text.content"),
                bad("archive-text-feedback.json", "roomid not a string", p -> p.put("roomid", 12345), "roomid"),
                bad("archive-text-feedback.json", "tolist not an array", p -> p.put("tolist", "ChenJing"),
                        "tolist"),
                bad("archive-text-feedback.json", "blank msgid", p -> p.put("msgid", ""), "msgid"),
                bad("archive-recall-feedback.json", "recall without revoke", p -> p.remove("revoke"), "revoke"),
                bad("archive-recall-feedback.json", "recall without pre_msgid",
                        p -> p.set("revoke", JSON.createObjectNode()), "pre_msgid"),
                bad("archive-mixed.json", "mixed item content not JSON",
                        p -> ((ObjectNode) p.get("mixed").get("item").get(0)).put("content", "{oops"), "mixed"),
                bad("archive-markdown.json", "markdown without content", p -> p.remove("info"), "markdown"),
                bad("chat-add-members.json", "no CreateTime", p -> p.remove("CreateTime"), "CreateTime"),
                bad("chat-add-members.json", "blank ChatId", p -> p.put("ChatId", " "), "ChatId"),
                bad("chat-add-members.json", "no ChangeType", p -> p.remove("ChangeType"), "ChangeType"),
                bad("chat-add-members.json", "update without detail", p -> p.remove("UpdateDetail"),
                        "UpdateDetail"),
                bad("chat-add-members.json", "member id not a string", p -> p.set("MemChangeList",
                        JSON.createObjectNode().set("Item", JSON.createArrayNode().add(42))), "MemChangeList"),
                bad("chat-add-members.json", "member list is a number", p -> p.put("MemChangeList", 3),
                        "MemChangeList"));
    }

    private static Arguments bad(String fixture, String name, Consumer<ObjectNode> breakIt, String reason) {
        return Arguments.of(name, fixture, breakIt, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedPayloadsAreUnreadable(String name, String fixture, Consumer<ObjectNode> breakIt,
            String reasonMentions) {
        ObjectNode payload = (ObjectNode) load(fixture);
        breakIt.accept(payload);
        PlatformPayload.UnreadablePayload e =
                assertThrows(PlatformPayload.UnreadablePayload.class, () -> wecom.events(payload));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains(reasonMentions), e.getMessage());
    }

    @Test
    void nonObjectIsUnreadable() {
        assertThrows(PlatformPayload.UnreadablePayload.class, () -> wecom.events(JSON.createArrayNode()));
    }

    @Test
    void recognisesOnlyWeComShapes() throws IOException {
        JsonNode slack = JSON.readTree("""
                {"token":"XXYYZZ","team_id":"T0001","api_app_id":"A0001","type":"event_callback",
                 "event_id":"Ev0001","event_time":1718089132,
                 "event":{"type":"message","channel":"C0001","user":"U0001","text":"hi","ts":"1718089132.000100"}}
                """);
        JsonNode feishu = JSON.readTree("""
                {"schema":"2.0","header":{"event_id":"5e3702a84e847582be8db7fb73283c02","event_type":"im.chat.member.user.added_v1",
                 "create_time":"1718089132000","token":"v=","app_id":"cli_9f5343c580712001","tenant_key":"2ca1d211f64f6438"},
                 "event":{"chat_id":"oc_a0553eda9014c201e6969b478895c230","users":[{"user_id":{"open_id":"ou_1"}}]}}
                """);
        assertFalse(wecom.recognises(slack));
        assertFalse(wecom.recognises(feishu));
        assertFalse(wecom.recognises(DingTalkPayloadTest.load("group-text-feedback.json")));
        assertFalse(wecom.recognises(JSON.createArrayNode()));
        assertFalse(wecom.recognises(null));
        ObjectNode noRoom = (ObjectNode) load("archive-text-feedback.json");
        noRoom.remove("roomid");
        assertFalse(wecom.recognises(noRoom));
        ObjectNode noChat = (ObjectNode) load("chat-add-members.json");
        noChat.remove("ChatId");
        assertFalse(wecom.recognises(noChat));
        assertFalse(new DingTalkPayload().recognises(load("archive-text-feedback.json")));
        assertFalse(new DingTalkPayload().recognises(load("chat-add-members.json")));
    }
}
