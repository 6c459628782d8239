package io.headcount.ingest.platform;

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

class DingTalkPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final DingTalkPayload dingtalk = new DingTalkPayload();

    static JsonNode load(String name) {
        try (InputStream in = DingTalkPayloadTest.class.getResourceAsStream("/payloads/dingtalk/" + name)) {
            assertNotNull(in, "fixture " + name);
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void assertEvent(PlatformEvent expected, PlatformEvent actual) {
        assertEquals(expected.platform(), actual.platform(), "platform");
        assertEquals(expected.kind(), actual.kind(), "kind");
        assertEquals(expected.eventId(), actual.eventId(), "eventId");
        assertEquals(expected.messageId(), actual.messageId(), "messageId");
        assertEquals(expected.chatId(), actual.chatId(), "chatId");
        assertEquals(expected.userId(), actual.userId(), "userId");
        assertEquals(expected.at(), actual.at(), "at");
        assertEquals(expected.text(), actual.text(), "text");
        assertEquals(expected.replyTo(), actual.replyTo(), "replyTo");
        assertEquals(expected.mentions(), actual.mentions(), "mentions");
        assertEquals(expected.reaction(), actual.reaction(), "reaction");
    }

    private static PlatformEvent message(String msgId, String chat, String user, long ms, String text,
            String replyTo, List<String> mentions) {
        return new PlatformEvent("dingtalk", PlatformEvent.Kind.MESSAGE, null, msgId, chat, user,
                Instant.ofEpochMilli(ms), text, replyTo, mentions, null);
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("group-text-feedback.json", message("msgLx0sQ9pK3vF1nT7yBzc2Aw==",
                        "cidq7Hc2VbVqJd3nLk8Yq9wXg==", "0216453821347389", 1718089132000L,
                        "【客户反馈】华东区客户反映交付延迟，请跟进", null, List.of())),
                Arguments.of("group-text-task.json", message("msgP2dW8nH5kR0cY4tA6uVe1Q==",
                        "cidq7Hc2VbVqJd3nLk8Yq9wXg==", "manager1024", 1718177400000L,
                        "【任务】@刘洋 @赵敏 周五前整理华南区报价单并同步给客户", null,
                        List.of("manager7781", "0311202645781190"))),
                Arguments.of("group-richtext-case.json", message("msgGDkZWYZlvw7rFtTHcDIFWw==",
                        "cidR4tY7uI0oP3aS6dF9gH2jK==", "032615015535634423", 1718263800500L,
                        "#案例分享 某制造业客户续约成功，关键是提前两周做了回访\n详见附图", null, List.of())),
                Arguments.of("group-text-reply.json", message("msgT9yU8iO7pA6sD5fG4hJ3kL==",
                        "cidq7Hc2VbVqJd3nLk8Yq9wXg==", "manager7781", 1718090400000L,
                        "@王磊 收到，已联系物流，预计周三到货", "msgLx0sQ9pK3vF1nT7yBzc2Aw==",
                        List.of("0216453821347389"))),
                Arguments.of("group-picture.json", message("msgZ1x2C3v4B5n6M7q8W9e0R==",
                        "cidR4tY7uI0oP3aS6dF9gH2jK==", "032615015535634423", 1718264000000L,
                        null, null, List.of())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void readsGroupMessages(String fixture, PlatformEvent expected) {
        JsonNode payload = load(fixture);
        assertTrue(dingtalk.recognises(payload));
        List<PlatformEvent> events = dingtalk.events(payload);
        assertEquals(1, events.size());
        assertEvent(expected, events.get(0));
    }

    @Test
    void platformName() {
        assertEquals("dingtalk", dingtalk.platform());
        assertTrue(dingtalk.challenge(load("group-text-feedback.json")).isEmpty());
    }

    @Test
    void singleChatGivesNothing() {
        JsonNode payload = load("single-chat.json");
        assertTrue(dingtalk.recognises(payload));
        assertEquals(List.of(), dingtalk.events(payload));
    }

    @Test
    void unknownMessageTypeGivesNothing() {
        ObjectNode payload = (ObjectNode) load("group-text-feedback.json");
        payload.put("msgtype", "interactiveCard");
        payload.remove("text");
        assertEquals(List.of(), dingtalk.events(payload));
    }

    @Test
    void numericConversationTypeIsAccepted() {
        ObjectNode payload = (ObjectNode) load("group-text-feedback.json");
        payload.put("conversationType", 2);
        assertEquals(1, dingtalk.events(payload).size());
        payload.put("conversationType", 1);
        assertEquals(List.of(), dingtalk.events(payload));
    }

    @Test
    void replyFlagWithoutIsReplyMsgIsNotAReply() {
        ObjectNode payload = (ObjectNode) load("group-text-reply.json");
        ((ObjectNode) payload.get("text")).put("isReplyMsg", false);
        assertEquals(null, dingtalk.events(payload).get(0).replyTo());
    }

    @Test
    void theRobotIsNeverAMention() {
        ObjectNode payload = (ObjectNode) load("group-text-task.json");
        ((ObjectNode) payload.get("atUsers").get(0)).put("staffId", "robot-staff-id");
        assertEquals(List.of("manager7781", "0311202645781190"), dingtalk.events(payload).get(0).mentions());
        payload.put("chatbotUserId", "$:LWCP_v1:$someOtherRobot==");
        assertEquals(List.of("robot-staff-id", "manager7781", "0311202645781190"),
                dingtalk.events(payload).get(0).mentions());
    }

    @Test
    void mentionsWithoutStaffIdAreSkipped() {
        ObjectNode payload = (ObjectNode) load("group-text-task.json");
        ((ObjectNode) payload.get("atUsers").get(1)).remove("staffId");
        ((ObjectNode) payload.get("atUsers").get(3)).remove("staffId");
        assertEquals(List.of("0311202645781190"), dingtalk.events(payload).get(0).mentions());
    }

    static Stream<Arguments> malformed() {
        return Stream.<Arguments>of(
                bad("no senderStaffId", p -> p.remove("senderStaffId"), "senderStaffId"),
                bad("blank senderStaffId", p -> p.put("senderStaffId", " "), "senderStaffId"),
                bad("no createAt", p -> p.remove("createAt"), "createAt"),
                bad("createAt not a number", p -> p.put("createAt", "昨天下午"), "createAt"),
                bad("negative createAt", p -> p.put("createAt", -5), "createAt"),
                bad("no conversationType", p -> p.remove("conversationType"), "conversationType"),
                bad("unknown conversationType", p -> p.put("conversationType", "3"), "conversationType"),
                bad("text without content", p -> p.set("text", JSON.createObjectNode()), "text.content"),
                bad("text content not a string", p -> ((ObjectNode) p.get("text")).put("content", 42), "text.content"),
                bad("atUsers not an array", p -> p.set("atUsers", JSON.createObjectNode().put("staffId", "x")),
                        "atUsers"),
                bad("msgId not a string", p -> p.put("msgId", 123456), "msgId"),
                bad("blank conversationId", p -> p.put("conversationId", ""), "conversationId"),
                bad("richText without array", p -> {
                    p.put("msgtype", "richText");
                    p.set("content", JSON.createObjectNode().put("richText", "文本"));
                }, "richText"),
                bad("repliedMsg without msgId", p -> ((ObjectNode) p.get("text")).put("isReplyMsg", true)
                        .set("repliedMsg", JSON.createObjectNode().put("msgType", "text")), "repliedMsg"));
    }

    private static Arguments bad(String name, Consumer<ObjectNode> breakIt, String reasonMentions) {
        return Arguments.of(name, breakIt, reasonMentions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedPayloadsAreUnreadable(String name, Consumer<ObjectNode> breakIt, String reasonMentions) {
        ObjectNode payload = (ObjectNode) load("group-text-feedback.json");
        breakIt.accept(payload);
        PlatformPayload.UnreadablePayload e =
                assertThrows(PlatformPayload.UnreadablePayload.class, () -> dingtalk.events(payload));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains(reasonMentions), e.getMessage());
    }

    @Test
    void nonObjectIsUnreadable() {
        assertThrows(PlatformPayload.UnreadablePayload.class, () -> dingtalk.events(JSON.createArrayNode()));
    }

    @Test
    void doesNotRecogniseOtherPlatforms() throws IOException {
        JsonNode slack = JSON.readTree("""
                {"token":"XXYYZZ","team_id":"T0001","api_app_id":"A0001","type":"event_callback",
                 "event_id":"Ev0001","event_time":1718089132,
                 "event":{"type":"message","channel":"C0001","user":"U0001","text":"hi","ts":"1718089132.000100"}}
                """);
        JsonNode feishu = JSON.readTree("""
                {"schema":"2.0","header":{"event_id":"5e3702a84e847582be8db7fb73283c02","event_type":"im.message.receive_v1",
                 "create_time":"1718089132000","token":"v=","app_id":"cli_9f5343c580712001","tenant_key":"2ca1d211f64f6438"},
                 "event":{"sender":{"sender_id":{"open_id":"ou_84aad35d084aa403a838cf73ee18467"}},
                  "message":{"message_id":"om_5ce6d572455d361153b7cb51da133945","chat_id":"oc_5ce6d572455d361153b7cb5",
                   "chat_type":"group","message_type":"text","content":"{\\"text\\":\\"你好\\"}"}}}
                """);
        assertFalse(dingtalk.recognises(slack));
        assertFalse(dingtalk.recognises(feishu));
        assertFalse(dingtalk.recognises(JSON.readTree("""
                {"msgid":"CAQQ","action":"send","roomid":"wr1","msgtype":"text"}""")));
        assertFalse(dingtalk.recognises(JSON.createArrayNode()));
        assertFalse(dingtalk.recognises(null));
        ObjectNode noMsgtype = (ObjectNode) load("group-text-feedback.json");
        noMsgtype.remove("msgtype");
        assertFalse(dingtalk.recognises(noMsgtype));
    }
}
