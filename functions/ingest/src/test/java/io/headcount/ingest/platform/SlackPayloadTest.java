package io.headcount.ingest.platform;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headcount.ingest.platform.PlatformEvent.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link SlackPayload} against Events API payloads shaped like Slack's documented examples. */
class SlackPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SlackPayload slack = new SlackPayload();

    private static JsonNode file(String name) {
        String path = "/payloads/slack/" + name;
        try (InputStream in = SlackPayloadTest.class.getResourceAsStream(path)) {
            assertNotNull(in, "missing test resource " + path);
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PlatformEvent event(Kind kind, String eventId, String messageId, String chatId, String userId,
            String at, String text, String replyTo, List<String> mentions, String reaction) {
        return new PlatformEvent("slack", kind, eventId, messageId, chatId, userId, Instant.parse(at), text, replyTo,
                mentions, reaction);
    }

    static Stream<Arguments> readable() {
        return Stream.of(
                // ---- MESSAGE
                Arguments.of("message-plain.json", event(Kind.MESSAGE, "Ev0820GK8QGT", "1764211503.000200",
                        "C0LAN2Q65", "U061F7AUR", "2025-11-27T02:45:03.000200Z",
                        "【客户反馈】华南区客户对新报价单很满意，预计下周签约", null, List.of(), null)),
                Arguments.of("message-thread-reply.json", event(Kind.MESSAGE, "Ev0821AB3XYZ", "1764213821.339519",
                        "C0LAN2Q65", "U0G9QF9C6", "2025-11-27T03:23:41.339519Z", "收到，我今天下午给客户回电话",
                        "1764211503.000200", List.of(), null)),
                Arguments.of("message-mentions-link.json", event(Kind.MESSAGE, "Ev0822MNT001", "1764226800.123456",
                        "C0LAN2Q65", "U061F7AUR", "2025-11-27T07:00:00.123456Z",
                        "【客户反馈】华东区客户反映交付延迟 @U0G9QF9C6 请跟进，@U0L4B9NSU 抄送 @here 详情见 商机 #8812，"
                                + "参考 https://example.com/sla <SLA> 再提醒 @U0G9QF9C6",
                        null, List.of("U0G9QF9C6", "U0L4B9NSU"), null)),
                Arguments.of("message-thread-broadcast.json", event(Kind.MESSAGE, "Ev0823THRB02", "1764230400.000900",
                        "C0LAN2Q65", "U0L4B9NSU", "2025-11-27T08:00:00.000900Z",
                        "[求助] 有人做过 #after-sales 的退货流程吗？ @channel", "1764226800.123456", List.of(), null)),
                Arguments.of("message-thread-parent.json", event(Kind.MESSAGE, "Ev0824PAR003", "1764232000.000100",
                        "G0PJZ8W6Z", "U061F7AUR", "2025-11-27T08:26:40.000100Z",
                        "#案例分享 上海某零售客户续约成功 :tada:", null, List.of(), null)),
                // ---- EDITED
                Arguments.of("edited-plain.json", event(Kind.EDITED, "Ev0825EDT001", "1764211503.000200",
                        "C0LAN2Q65", "U061F7AUR", "2025-11-27T02:55:00Z",
                        "【客户反馈】华南区客户对新报价单很满意，预计本周五签约", null, List.of(), null)),
                Arguments.of("edited-mention-in-thread.json", event(Kind.EDITED, "Ev0826EDT002", "1764213821.339519",
                        "C0LAN2Q65", "U0G9QF9C6", "2025-11-27T03:26:40Z",
                        "收到 @U061F7AUR，我今天下午 3 点给客户回电话 & 发邮件", "1764211503.000200",
                        List.of("U061F7AUR"), null)),
                Arguments.of("edited-doc-shape.json", event(Kind.EDITED, "Ev0827EDT003", "1764300100.000005",
                        "C061EG9SL", "U0L4B9NSU", "2025-11-28T03:32:35.000001Z",
                        "[求助] 退货流程已更新，请看 https://wiki.example.com/returns", null, List.of(), null)),
                // ---- DELETED
                Arguments.of("deleted-plain.json", event(Kind.DELETED, "Ev0828DEL001", "1764220000.000300",
                        "C0LAN2Q65", null, "2025-11-27T05:07:40.000400Z", null, null, List.of(), null)),
                Arguments.of("deleted-doc-shape.json", event(Kind.DELETED, "Ev0829DEL002", "1764300100.000005",
                        "C061EG9SL", null, "2025-11-28T04:10:00.000001Z", null, null, List.of(), null)),
                Arguments.of("deleted-thread-reply.json", event(Kind.DELETED, "Ev0830DEL003", "1764213821.339519",
                        "G0PJZ8W6Z", null, "2025-11-27T04:00:00.004100Z", null, null, List.of(), null)),
                // ---- REACTION_ADDED
                Arguments.of("reaction-added-thumbsup.json", event(Kind.REACTION_ADDED, "Ev0831RA0001",
                        "1764211503.000200", "C0LAN2Q65", "U0G9QF9C6", "2025-11-27T02:46:40.001200Z", null, null,
                        List.of(), "thumbsup")),
                Arguments.of("reaction-added-skin-tone.json", event(Kind.REACTION_ADDED, "Ev0832RA0002",
                        "1764213821.339519", "C0LAN2Q65", "U0L4B9NSU", "2025-11-27T03:25:00.100001Z", null, null,
                        List.of(), "+1::skin-tone-2")),
                Arguments.of("reaction-added-private.json", event(Kind.REACTION_ADDED, "Ev0833RA0003",
                        "1764232000.000100", "G0PJZ8W6Z", "W012A3CDE", "2025-11-27T08:28:31.222333Z", null, null,
                        List.of(), "white_check_mark")),
                // ---- REACTION_REMOVED
                Arguments.of("reaction-removed-thumbsup.json", event(Kind.REACTION_REMOVED, "Ev0834RR0001",
                        "1764211503.000200", "C0LAN2Q65", "U0G9QF9C6", "2025-11-27T02:48:20.000700Z", null, null,
                        List.of(), "thumbsup")),
                Arguments.of("reaction-removed-eyes.json", event(Kind.REACTION_REMOVED, "Ev0835RR0002",
                        "1764300100.000005", "C061EG9SL", "U061F7AUR", "2025-11-28T03:36:40.500000Z", null, null,
                        List.of(), "eyes")),
                Arguments.of("reaction-removed-no-item-user.json", event(Kind.REACTION_REMOVED, "Ev0836RR0003",
                        "1764226800.123456", "C0LAN2Q65", "U0L4B9NSU", "2025-11-27T07:03:20.000010Z", null, null,
                        List.of(), "tada")),
                // ---- MEMBER_JOINED
                Arguments.of("member-joined-invited.json", event(Kind.MEMBER_JOINED, "Ev0837MJ0001", null,
                        "C0LAN2Q65", "U0G9QF9C6", "2025-11-27T00:00:00.000300Z", null, null, List.of(), null)),
                Arguments.of("member-joined-no-event-ts.json", event(Kind.MEMBER_JOINED, "Ev0838MJ0002", null,
                        "G0PJZ8W6Z", "W012A3CDE", "2025-11-27T01:00:00Z", null, null, List.of(), null)),
                Arguments.of("member-joined-self.json", event(Kind.MEMBER_JOINED, "Ev0839MJ0003", null,
                        "C061EG9SL", "U0L4B9NSU", "2025-11-28T00:00:00.012345Z", null, null, List.of(), null)),
                // ---- MEMBER_LEFT
                Arguments.of("member-left.json", event(Kind.MEMBER_LEFT, "Ev0840ML0001", null,
                        "C0LAN2Q65", "U0G9QF9C6", "2025-11-29T00:00:00.000500Z", null, null, List.of(), null)),
                Arguments.of("member-left-no-event-ts.json", event(Kind.MEMBER_LEFT, "Ev0841ML0002", null,
                        "G0PJZ8W6Z", "W012A3CDE", "2025-11-29T01:00:00Z", null, null, List.of(), null)),
                Arguments.of("member-left-private.json", event(Kind.MEMBER_LEFT, "Ev0842ML0003", null,
                        "C0LAN2Q65", "U061F7AUR", "2025-11-29T01:33:20.999999Z", null, null, List.of(), null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readable")
    void readsDocumentedPayloadsFieldByField(String file, PlatformEvent expected) {
        JsonNode payload = file(file);
        assertTrue(slack.recognises(payload), "recognises " + file);
        assertEquals(Optional.empty(), slack.challenge(payload));
        List<PlatformEvent> events = slack.events(payload);
        assertEquals(1, events.size(), "one event from " + file);
        PlatformEvent actual = events.get(0);
        assertAll(
                () -> assertEquals("slack", actual.platform(), "platform"),
                () -> assertEquals(expected.kind(), actual.kind(), "kind"),
                () -> assertEquals(expected.eventId(), actual.eventId(), "eventId"),
                () -> assertEquals(expected.messageId(), actual.messageId(), "messageId"),
                () -> assertEquals(expected.chatId(), actual.chatId(), "chatId"),
                () -> assertEquals(expected.userId(), actual.userId(), "userId"),
                () -> assertEquals(expected.at(), actual.at(), "at"),
                () -> assertEquals(expected.text(), actual.text(), "text"),
                () -> assertEquals(expected.replyTo(), actual.replyTo(), "replyTo"),
                () -> assertEquals(expected.mentions(), actual.mentions(), "mentions"),
                () -> assertEquals(expected.reaction(), actual.reaction(), "reaction"));
    }

    @Test
    void coversEveryKindWithAtLeastThreePayloads() {
        for (Kind kind : Kind.values()) {
            long count = readable().filter(a -> ((PlatformEvent) a.get()[1]).kind() == kind).count();
            assertTrue(count >= 3, kind + " has " + count + " payloads");
        }
    }

    @Test
    void keepsMicrosecondsOfTheTimestamp() {
        PlatformEvent e = slack.events(file("message-thread-reply.json")).get(0);
        assertEquals(1764213821L, e.at().getEpochSecond());
        assertEquals(339_519_000, e.at().getNano());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ignored-bot-message.json", "ignored-app-message-with-bot-id.json",
            "ignored-bot-edit.json", "ignored-unfurl-edit.json", "ignored-channel-join.json",
            "ignored-channel-created.json"})
    void ignoresBotsAndEventsWithoutUse(String file) {
        JsonNode payload = file(file);
        assertTrue(slack.recognises(payload), "still a Slack payload");
        assertEquals(List.of(), slack.events(payload));
    }

    @Test
    void answersTheUrlVerificationChallenge() {
        JsonNode payload = file("url-verification.json");
        assertTrue(slack.recognises(payload));
        assertEquals(Optional.of("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"), slack.challenge(payload));
        assertEquals(List.of(), slack.events(payload));
    }

    @Test
    void platformIsSlack() {
        assertEquals("slack", slack.platform());
    }

    static Stream<Arguments> malformed() {
        String envelope = "{\"token\":\"XXYYZZ\",\"team_id\":\"T061EG9R6\",\"api_app_id\":\"A0MDYCDME\","
                + "\"type\":\"event_callback\",\"event_id\":\"Ev0900BAD001\",\"event_time\":1764211503,\"event\":%s}";
        return Stream.of(
                Arguments.of("no event", "{\"token\":\"XXYYZZ\",\"team_id\":\"T061EG9R6\",\"api_app_id\":\"A0MDYCDME\","
                        + "\"type\":\"event_callback\",\"event_id\":\"Ev0900BAD001\",\"event_time\":1764211503}",
                        "without event"),
                Arguments.of("event is an array", envelope.formatted("[]"), "event is not an object"),
                Arguments.of("event without type", envelope.formatted(
                        "{\"channel\":\"C0LAN2Q65\",\"user\":\"U061F7AUR\",\"ts\":\"1764211503.000200\"}"),
                        "event has no type"),
                Arguments.of("event_id a number", envelope.replace("\"Ev0900BAD001\"", "42").formatted(
                        "{\"type\":\"message\",\"channel\":\"C0LAN2Q65\",\"user\":\"U061F7AUR\",\"text\":\"hi\","
                                + "\"ts\":\"1764211503.000200\"}"), "event_id is not a string"),
                Arguments.of("message without channel", envelope.formatted(
                        "{\"type\":\"message\",\"user\":\"U061F7AUR\",\"text\":\"【客户反馈】\",\"ts\":\"1764211503.000200\"}"),
                        "event.channel is missing or empty"),
                Arguments.of("message ts not a number", envelope.formatted(
                        "{\"type\":\"message\",\"channel\":\"C0LAN2Q65\",\"user\":\"U061F7AUR\",\"text\":\"hi\","
                                + "\"ts\":\"yesterday\"}"), "event.ts is not a Slack timestamp"),
                Arguments.of("message ts a JSON number", envelope.formatted(
                        "{\"type\":\"message\",\"channel\":\"C0LAN2Q65\",\"user\":\"U061F7AUR\",\"text\":\"hi\","
                                + "\"ts\":1764211503.0002}"), "event.ts is not a string"),
                Arguments.of("message without ts", envelope.formatted(
                        "{\"type\":\"message\",\"channel\":\"C0LAN2Q65\",\"user\":\"U061F7AUR\",\"text\":\"hi\"}"),
                        "event.ts is missing or empty"),
                Arguments.of("message without user", envelope.formatted(
                        "{\"type\":\"message\",\"channel\":\"C0LAN2Q65\",\"text\":\"hi\",\"ts\":\"1764211503.000200\"}"),
                        "event.user is missing or empty"),
                Arguments.of("message text an object", envelope.formatted(
                        "{\"type\":\"message\",\"channel\":\"C0LAN2Q65\",\"user\":\"U061F7AUR\",\"text\":{\"zh\":\"你好\"},"
                                + "\"ts\":\"1764211503.000200\"}"), "event.text is not a string"),
                Arguments.of("channel a number", envelope.formatted(
                        "{\"type\":\"message\",\"channel\":12345,\"user\":\"U061F7AUR\",\"text\":\"hi\","
                                + "\"ts\":\"1764211503.000200\"}"), "event.channel is not a string"),
                Arguments.of("thread_ts not a timestamp", envelope.formatted(
                        "{\"type\":\"message\",\"channel\":\"C0LAN2Q65\",\"user\":\"U061F7AUR\",\"text\":\"hi\","
                                + "\"ts\":\"1764211503.000200\",\"thread_ts\":\"parent\"}"),
                        "event.thread_ts is not a Slack timestamp"),
                Arguments.of("message_changed without message", envelope.formatted(
                        "{\"type\":\"message\",\"subtype\":\"message_changed\",\"channel\":\"C0LAN2Q65\","
                                + "\"ts\":\"1764212100.000000\"}"), "message_changed without a message object"),
                Arguments.of("message_changed message without ts", envelope.formatted(
                        "{\"type\":\"message\",\"subtype\":\"message_changed\",\"channel\":\"C0LAN2Q65\","
                                + "\"ts\":\"1764212100.000000\",\"message\":{\"type\":\"message\",\"user\":\"U061F7AUR\","
                                + "\"text\":\"new\"}}"), "event.message.ts is missing or empty"),
                Arguments.of("message_deleted without deleted_ts", envelope.formatted(
                        "{\"type\":\"message\",\"subtype\":\"message_deleted\",\"channel\":\"C0LAN2Q65\","
                                + "\"ts\":\"1764220060.000400\",\"hidden\":true}"),
                        "event.deleted_ts is missing or empty"),
                Arguments.of("reaction without item", envelope.formatted(
                        "{\"type\":\"reaction_added\",\"user\":\"U0G9QF9C6\",\"reaction\":\"thumbsup\","
                                + "\"event_ts\":\"1764211600.001200\"}"), "event.item missing"),
                Arguments.of("reaction item ts not a number", envelope.formatted(
                        "{\"type\":\"reaction_added\",\"user\":\"U0G9QF9C6\",\"reaction\":\"thumbsup\","
                                + "\"item\":{\"type\":\"message\",\"channel\":\"C0LAN2Q65\",\"ts\":\"abc.def\"},"
                                + "\"event_ts\":\"1764211600.001200\"}"), "event.item.ts is not a Slack timestamp"),
                Arguments.of("reaction without name", envelope.formatted(
                        "{\"type\":\"reaction_removed\",\"user\":\"U0G9QF9C6\","
                                + "\"item\":{\"type\":\"message\",\"channel\":\"C0LAN2Q65\",\"ts\":\"1764211503.000200\"},"
                                + "\"event_ts\":\"1764211600.001200\"}"), "event.reaction is missing or empty"),
                Arguments.of("reaction without event_ts", envelope.formatted(
                        "{\"type\":\"reaction_added\",\"user\":\"U0G9QF9C6\",\"reaction\":\"thumbsup\","
                                + "\"item\":{\"type\":\"message\",\"channel\":\"C0LAN2Q65\",\"ts\":\"1764211503.000200\"}}"),
                        "event.event_ts is missing or empty"),
                Arguments.of("member joined without user", envelope.formatted(
                        "{\"type\":\"member_joined_channel\",\"channel\":\"C0LAN2Q65\",\"channel_type\":\"C\","
                                + "\"team\":\"T061EG9R6\",\"event_ts\":\"1764201600.000300\"}"),
                        "event.user is missing or empty"),
                Arguments.of("member left without any time", envelope.replace(",\"event_time\":1764211503", "")
                        .formatted("{\"type\":\"member_left_channel\",\"user\":\"U0G9QF9C6\",\"channel\":\"C0LAN2Q65\"}"),
                        "event.event_ts and event_time both missing"),
                Arguments.of("member joined, event_time a string", envelope.replace("1764211503", "\"now\"")
                        .formatted("{\"type\":\"member_joined_channel\",\"user\":\"U0G9QF9C6\",\"channel\":\"C0LAN2Q65\"}"),
                        "event_time is not a number"),
                Arguments.of("url_verification without challenge",
                        "{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"type\":\"url_verification\"}",
                        "url_verification without a challenge"),
                Arguments.of("not an object", "[{\"type\":\"event_callback\"}]", "not a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedPayloadsWithAReason(String name, String payload, String reason) {
        PlatformPayload.UnreadablePayload e =
                assertThrows(PlatformPayload.UnreadablePayload.class, () -> slack.events(json(payload)));
        assertNotNull(e.getMessage());
        assertTrue(e.getMessage().contains(reason), "reason was: " + e.getMessage());
    }

    @Test
    void challengeOfAUrlVerificationWithoutChallengeIsUnreadable() {
        JsonNode payload = json("{\"token\":\"Jhj5dZrVaK7ZwHHjRyZWjbDl\",\"type\":\"url_verification\",\"challenge\":7}");
        PlatformPayload.UnreadablePayload e =
                assertThrows(PlatformPayload.UnreadablePayload.class, () -> slack.challenge(payload));
        assertTrue(e.getMessage().contains("challenge"), e.getMessage());
    }

    static Stream<Arguments> foreign() {
        return Stream.of(
                Arguments.of("Feishu event v2", "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"5e3702a84e847582be8db7fb73283c02\","
                        + "\"event_type\":\"im.message.receive_v1\",\"create_time\":\"1608725989000\",\"token\":\"rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV\","
                        + "\"app_id\":\"cli_9f5343c580712544\",\"tenant_key\":\"2ca1d211f64f6438\"},"
                        + "\"event\":{\"sender\":{\"sender_id\":{\"open_id\":\"ou_84aad35d084aa403a838cf73ee18467\"}},"
                        + "\"message\":{\"message_id\":\"om_5ce6d572455d361153b7cb51da133945\",\"chat_id\":\"oc_5ce6d572455d361153b7xx51da133945\","
                        + "\"message_type\":\"text\",\"content\":\"{\\\"text\\\":\\\"【客户反馈】\\\"}\"}}}"),
                Arguments.of("Feishu event v2 with a type field", "{\"schema\":\"2.0\",\"type\":\"event_callback\","
                        + "\"token\":\"rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV\",\"header\":{\"event_type\":\"im.chat.member.user.added_v1\"},\"event\":{}}"),
                Arguments.of("Feishu event v1", "{\"uuid\":\"41b5f371157e3d5341b38b20396e77a3\",\"token\":\"rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV\","
                        + "\"ts\":\"1550038209.428520\",\"type\":\"event_callback\",\"event\":{\"type\":\"message\"}}"),
                Arguments.of("DingTalk robot callback", "{\"conversationId\":\"cidp9vwdZEQXXXXX\",\"msgtype\":\"text\","
                        + "\"text\":{\"content\":\"【客户反馈】\"},\"senderStaffId\":\"manager7140\",\"msgId\":\"msgXXXX\",\"createAt\":1764211503000}"),
                Arguments.of("normalised batch", "{\"events\":[{\"messageId\":\"m1\",\"groupId\":\"g1\"}]}"),
                Arguments.of("event_callback without any Slack id", "{\"type\":\"event_callback\",\"event\":{\"type\":\"message\"}}"),
                Arguments.of("type not a string", "{\"type\":1,\"token\":\"XXYYZZ\",\"team_id\":\"T061EG9R6\"}"),
                Arguments.of("other type", "{\"type\":\"block_actions\",\"token\":\"XXYYZZ\",\"team_id\":\"T061EG9R6\"}"),
                Arguments.of("array", "[]"),
                Arguments.of("string", "\"event_callback\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreign")
    void doesNotRecogniseOtherFormats(String name, String payload) {
        assertFalse(slack.recognises(json(payload)));
    }

    @Test
    void recognisesEnvelopeWithOnlyTeamIdOrOnlyToken() {
        assertTrue(slack.recognises(json("{\"type\":\"event_callback\",\"team_id\":\"T061EG9R6\",\"event\":{}}")));
        assertTrue(slack.recognises(json("{\"type\":\"event_callback\",\"api_app_id\":\"A0MDYCDME\",\"event\":{}}")));
        assertTrue(slack.recognises(json("{\"type\":\"url_verification\",\"token\":\"t\",\"challenge\":\"c\"}")));
    }
}
