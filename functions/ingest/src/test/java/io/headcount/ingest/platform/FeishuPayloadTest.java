package io.headcount.ingest.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headcount.ingest.platform.PlatformEvent.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class FeishuPayloadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WANG = "ou_7d8a6e6df7621556ce0d21922b676706ccs";
    private static final String LI = "ou_84aad35d084aa403a838cf73ee18467";
    private static final String ZHANG = "ou_2d2c0399b53d06fd195bb393cd1e38f2";
    private static final String CHEN = "ou_7dede290d6a27698b969a7fd70ca53da";
    private static final String GROUP = "oc_5ad11d72b830411d72b836c20";
    private static final String GROUP2 = "oc_a0553eda9014c201e6969b478895c230";

    private final FeishuPayload feishu = new FeishuPayload();

    private static ObjectNode load(String name) {
        try (InputStream in = FeishuPayloadTest.class.getResourceAsStream("/payloads/feishu/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name);
            }
            return (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PlatformEvent single(String name) {
        List<PlatformEvent> events = feishu.events(load(name));
        assertEquals(1, events.size(), name);
        return events.get(0);
    }

    private static PlatformEvent ev(Kind kind, String eventId, String messageId, String chatId, String userId,
                                    long atMillis, String text, String replyTo, List<String> mentions,
                                    String reaction) {
        return new PlatformEvent("feishu", kind, eventId, messageId, chatId, userId, Instant.ofEpochMilli(atMillis),
                text, replyTo, mentions, reaction);
    }

    // ------------------------------------------------------------------------------------------ identity

    @Test
    void platformIsFeishu() {
        assertEquals("feishu", feishu.platform());
    }

    @Test
    void recognisesV2EventsAndItsUrlVerification() {
        assertTrue(feishu.recognises(load("message-text-mention.json")));
        assertTrue(feishu.recognises(load("member-added-one.json")));
        assertTrue(feishu.recognises(load("chat-updated.json")));
        assertTrue(feishu.recognises(load("url-verification.json")));
    }

    @Test
    void doesNotRecogniseSlackOrOtherShapes() throws IOException {
        assertFalse(feishu.recognises(load("slack-event-callback.json")));
        assertFalse(feishu.recognises(load("slack-url-verification.json")));
        assertFalse(feishu.recognises(JSON.readTree("{\"schema\":\"2.0\"}")));
        assertFalse(feishu.recognises(JSON.readTree("{\"schema\":\"1.0\",\"header\":{}}")));
        assertFalse(feishu.recognises(JSON.readTree("[1,2]")));
        assertFalse(feishu.recognises(JSON.readTree("{\"events\":[]}")));
    }

    @Test
    void urlVerificationAnswersTheChallengeAndHasNoEvents() {
        ObjectNode payload = load("url-verification.json");
        assertEquals(Optional.of("ajls384kdjx98XX"), feishu.challenge(payload));
        assertEquals(List.of(), feishu.events(payload));
    }

    @Test
    void noChallengeForEventsOrSlack() {
        assertEquals(Optional.empty(), feishu.challenge(load("message-text-mention.json")));
        assertEquals(Optional.empty(), feishu.challenge(load("slack-url-verification.json")));
    }

    // ------------------------------------------------------------------------------------------ messages

    @Test
    void textMessageWithMentionAndReply() {
        assertEquals(ev(Kind.MESSAGE, "5e3702a84e847582be8db7fb73283c02", "om_dc13264520392913993dd051dba21dcf",
                        GROUP, WANG, 1609073151345L, "【客户反馈】华东区客户反映交付延迟 @李四 请跟进",
                        "om_5ce6d572455d361153b7cb51da133945", List.of(LI), null),
                single("message-text-mention.json"));
    }

    @Test
    void plainTextMessageRepliesToRootWhenNoParent() {
        assertEquals(ev(Kind.MESSAGE, "f7984f25108f8137722bb63cee927e66", "om_3a8b2e0d5f1c4e9a8d7b6c5a4f3e2d1c",
                        GROUP, LI, 1609073159870L, "[求助] 华南区报价单模板在哪里下载？",
                        "om_dc13264520392913993dd051dba21dcf", List.of(), null),
                single("message-text-plain.json"));
    }

    @Test
    void repeatedMentionsCountOnceAndAtAllIsNoUserMention() {
        assertEquals(ev(Kind.MESSAGE, "2b4f8c1d9e7a6b5c4d3e2f1a0b9c8d7e", "om_9f8e7d6c5b4a39281706f5e4d3c2b1a0",
                        GROUP2, ZHANG, 1609080000321L,
                        "【任务】@陈晨 @王五 周五前提交季度回款计划，@陈晨 负责汇总 @所有人", null,
                        List.of(CHEN, WANG), null),
                single("message-text-many-mentions.json"));
    }

    @Test
    void postIsFlattenedTitleFirst() {
        assertEquals(ev(Kind.MESSAGE, "8a1c2e3f4b5d6a7e8f9a0b1c2d3e4f5a", "om_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d",
                        GROUP, CHEN, 1609081234567L,
                        "#案例分享 华东区续约成功\n客户：上海某制造企业，续约金额 120 万。@王五\n复盘文档：续约复盘",
                        "om_dc13264520392913993dd051dba21dcf", List.of(WANG), null),
                single("message-post.json"));
    }

    @Test
    void postWithoutTitleUsesHrefForEmptyLinkTextAndParentOverRoot() {
        assertEquals(ev(Kind.MESSAGE, "c0ffee0ddba11c0ffee0ddba11c0ffee", "om_b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2",
                        GROUP2, WANG, 1609089999888L,
                        "@李四 收到，明天上午给客户回电\nhttps://example.com/crm/opportunity/42",
                        "om_9f8e7d6c5b4a39281706f5e4d3c2b1a0", List.of(LI), null),
                single("message-post-no-title.json"));
    }

    @Test
    void localeWrappedPostIsRead() {
        ObjectNode payload = load("message-post.json");
        ObjectNode message = (ObjectNode) payload.get("event").get("message");
        message.put("content", "{\"en_us\":{\"title\":\"Case\",\"content\":[[{\"tag\":\"text\",\"text\":\"x\"}]]},"
                + "\"zh_cn\":{\"title\":\"案例\",\"content\":[[{\"tag\":\"text\",\"text\":\"续约\"},"
                + "{\"tag\":\"at\",\"user_id\":\"" + LI + "\",\"user_name\":\"李四\"}]]}}");
        PlatformEvent event = feishu.events(payload).get(0);
        assertEquals("案例\n续约@李四", event.text());
        assertEquals(List.of(LI), event.mentions());
    }

    @Test
    void messageTimeFallsBackToHeaderTime() {
        ObjectNode payload = load("message-text-plain.json");
        ((ObjectNode) payload.get("event").get("message")).remove("create_time");
        assertEquals(Instant.ofEpochMilli(1609073160111L), feishu.events(payload).get(0).at());
    }

    @Test
    void p2pMessagesAreIgnored() {
        assertEquals(List.of(), feishu.events(load("message-p2p.json")));
    }

    @Test
    void imageMessagesAreIgnored() {
        assertEquals(List.of(), feishu.events(load("message-image.json")));
    }

    @Test
    void messagesFromAppsAreIgnored() {
        ObjectNode payload = load("message-text-mention.json");
        ((ObjectNode) payload.get("event").get("sender")).put("sender_type", "app");
        assertEquals(List.of(), feishu.events(payload));
    }

    @Test
    void unknownEventTypesAreIgnored() {
        assertEquals(List.of(), feishu.events(load("chat-updated.json")));
    }

    // ------------------------------------------------------------------------------------------ members

    @Test
    void memberAddedOne() {
        assertEquals(List.of(ev(Kind.MEMBER_JOINED, "a1b2c3d4e5f60718293a4b5c6d7e8f90", null, GROUP, WANG,
                        1609073151345L, null, null, List.of(), null)),
                feishu.events(load("member-added-one.json")));
    }

    @Test
    void memberAddedTwo() {
        String id = "b2c3d4e5f60718293a4b5c6d7e8f90a1";
        assertEquals(List.of(
                        ev(Kind.MEMBER_JOINED, id, null, GROUP2, LI, 1609100000123L, null, null, List.of(), null),
                        ev(Kind.MEMBER_JOINED, id, null, GROUP2, CHEN, 1609100000123L, null, null, List.of(), null)),
                feishu.events(load("member-added-two.json")));
    }

    @Test
    void memberAddedThree() {
        String id = "c3d4e5f60718293a4b5c6d7e8f90a1b2";
        assertEquals(List.of(
                        ev(Kind.MEMBER_JOINED, id, null, GROUP, ZHANG, 1609200000456L, null, null, List.of(), null),
                        ev(Kind.MEMBER_JOINED, id, null, GROUP, WANG, 1609200000456L, null, null, List.of(), null),
                        ev(Kind.MEMBER_JOINED, id, null, GROUP, LI, 1609200000456L, null, null, List.of(), null)),
                feishu.events(load("member-added-three.json")));
    }

    @Test
    void memberDeletedOne() {
        assertEquals(List.of(ev(Kind.MEMBER_LEFT, "d4e5f60718293a4b5c6d7e8f90a1b2c3", null, GROUP, LI,
                        1609300000789L, null, null, List.of(), null)),
                feishu.events(load("member-deleted-one.json")));
    }

    @Test
    void memberDeletedTwo() {
        String id = "e5f60718293a4b5c6d7e8f90a1b2c3d4";
        assertEquals(List.of(
                        ev(Kind.MEMBER_LEFT, id, null, GROUP2, CHEN, 1609400000000L, null, null, List.of(), null),
                        ev(Kind.MEMBER_LEFT, id, null, GROUP2, WANG, 1609400000000L, null, null, List.of(), null)),
                feishu.events(load("member-deleted-two.json")));
    }

    @Test
    void memberDeletedSelf() {
        assertEquals(List.of(ev(Kind.MEMBER_LEFT, "f60718293a4b5c6d7e8f90a1b2c3d4e5", null, GROUP, ZHANG,
                        1609500000001L, null, null, List.of(), null)),
                feishu.events(load("member-deleted-self.json")));
    }

    // ------------------------------------------------------------------------------------------ reactions

    @Test
    void reactionCreatedThumbsUp() {
        assertEquals(ev(Kind.REACTION_ADDED, "11111111aaaa2222bbbb3333cccc4444", "om_dc13264520392913993dd051dba21dcf",
                null, LI, 1626086391570L, null, null, List.of(), "THUMBSUP"), single("reaction-created-thumbsup.json"));
    }

    @Test
    void reactionCreatedSmile() {
        assertEquals(ev(Kind.REACTION_ADDED, "22222222aaaa2222bbbb3333cccc4444", "om_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d",
                null, ZHANG, 1626086400000L, null, null, List.of(), "SMILE"), single("reaction-created-smile.json"));
    }

    @Test
    void reactionCreatedDone() {
        assertEquals(ev(Kind.REACTION_ADDED, "33333333aaaa2222bbbb3333cccc4444", "om_9f8e7d6c5b4a39281706f5e4d3c2b1a0",
                null, WANG, 1626090000888L, null, null, List.of(), "DONE"), single("reaction-created-done.json"));
    }

    @Test
    void reactionDeletedThumbsUp() {
        assertEquals(ev(Kind.REACTION_REMOVED, "44444444aaaa2222bbbb3333cccc4444", "om_dc13264520392913993dd051dba21dcf",
                null, LI, 1626086500000L, null, null, List.of(), "THUMBSUP"), single("reaction-deleted-thumbsup.json"));
    }

    @Test
    void reactionDeletedOk() {
        assertEquals(ev(Kind.REACTION_REMOVED, "55555555aaaa2222bbbb3333cccc4444", "om_3a8b2e0d5f1c4e9a8d7b6c5a4f3e2d1c",
                null, CHEN, 1626087000111L, null, null, List.of(), "OK"), single("reaction-deleted-ok.json"));
    }

    @Test
    void reactionDeletedHeart() {
        assertEquals(ev(Kind.REACTION_REMOVED, "66666666aaaa2222bbbb3333cccc4444", "om_b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2",
                null, ZHANG, 1626088000222L, null, null, List.of(), "HEART"), single("reaction-deleted-heart.json"));
    }

    @Test
    void reactionByAppIsIgnored() {
        assertEquals(List.of(), feishu.events(load("reaction-created-by-app.json")));
    }

    // ------------------------------------------------------------------------------------------ recalls

    @Test
    void recalledByOwner() {
        assertEquals(ev(Kind.DELETED, "88888888aaaa2222bbbb3333cccc4444", "om_dc13264520392913993dd051dba21dcf",
                GROUP, null, 1609073200000L, null, null, List.of(), null), single("recalled-owner.json"));
    }

    @Test
    void recalledByGroupOwner() {
        assertEquals(ev(Kind.DELETED, "99999999aaaa2222bbbb3333cccc4444", "om_3a8b2e0d5f1c4e9a8d7b6c5a4f3e2d1c",
                GROUP, null, 1609073300111L, null, null, List.of(), null), single("recalled-group-owner.json"));
    }

    @Test
    void recalledWithoutRecallTimeUsesHeaderTime() {
        assertEquals(ev(Kind.DELETED, "aaaaaaaaaaaa2222bbbb3333cccc4444", "om_9f8e7d6c5b4a39281706f5e4d3c2b1a0",
                GROUP2, null, 1609073400300L, null, null, List.of(), null), single("recalled-no-time.json"));
    }

    // ------------------------------------------------------------------------------------------ malformed

    private void assertUnreadable(String fixture, Consumer<ObjectNode> spoil, String reasonPart) {
        ObjectNode payload = load(fixture);
        spoil.accept(payload);
        PlatformPayload.UnreadablePayload e =
                assertThrows(PlatformPayload.UnreadablePayload.class, () -> feishu.events(payload));
        assertTrue(e.getMessage() != null && e.getMessage().contains(reasonPart),
                "reason '" + e.getMessage() + "' should mention '" + reasonPart + "'");
    }

    private static ObjectNode message(ObjectNode payload) {
        return (ObjectNode) payload.get("event").get("message");
    }

    @Test
    void contentNotJson() {
        assertUnreadable("message-text-mention.json", p -> message(p).put("content", "【客户反馈】{not json"),
                "content is not JSON");
    }

    @Test
    void contentNotAString() {
        assertUnreadable("message-text-mention.json", p -> message(p).putObject("content").put("text", "hi"),
                "content is missing or not a string");
    }

    @Test
    void textContentWithoutText() {
        assertUnreadable("message-text-mention.json", p -> message(p).put("content", "{\"txt\":\"hi\"}"),
                "\"text\"");
    }

    @Test
    void missingMessageId() {
        assertUnreadable("message-text-mention.json", p -> message(p).remove("message_id"), "message_id");
    }

    @Test
    void missingChatId() {
        assertUnreadable("message-post.json", p -> message(p).put("chat_id", ""), "chat_id");
    }

    @Test
    void missingSenderOpenId() {
        assertUnreadable("message-text-plain.json",
                p -> ((ObjectNode) p.get("event").get("sender").get("sender_id")).remove("open_id"), "open_id");
    }

    @Test
    void createTimeNotMillis() {
        assertUnreadable("message-text-mention.json", p -> message(p).put("create_time", "2020-12-27T12:45:51Z"),
                "create_time");
    }

    @Test
    void mentionsNotAList() {
        assertUnreadable("message-text-mention.json", p -> message(p).put("mentions", "@_user_1"), "mentions");
    }

    @Test
    void postParagraphNotAList() {
        assertUnreadable("message-post.json",
                p -> message(p).put("content", "{\"title\":\"t\",\"content\":[{\"tag\":\"text\",\"text\":\"x\"}]}"),
                "paragraph");
    }

    @Test
    void eventNotAnObject() {
        assertUnreadable("message-text-mention.json", p -> p.put("event", "im.message.receive_v1"), "event");
    }

    @Test
    void missingEventType() {
        assertUnreadable("member-added-one.json", p -> ((ObjectNode) p.get("header")).remove("event_type"),
                "event_type");
    }

    @Test
    void missingEventId() {
        assertUnreadable("member-added-one.json", p -> ((ObjectNode) p.get("header")).put("event_id", 42),
                "event_id");
    }

    @Test
    void memberUsersNotAList() {
        assertUnreadable("member-added-two.json", p -> ((ObjectNode) p.get("event")).putObject("users"), "users");
    }

    @Test
    void memberWithoutOpenId() {
        assertUnreadable("member-deleted-two.json",
                p -> ((ObjectNode) p.get("event").get("users").get(1)).remove("user_id"), "users[1]");
    }

    @Test
    void memberEventWithoutChatId() {
        assertUnreadable("member-added-one.json", p -> ((ObjectNode) p.get("event")).remove("chat_id"), "chat_id");
    }

    @Test
    void reactionWithoutEmoji() {
        assertUnreadable("reaction-created-smile.json",
                p -> ((ObjectNode) p.get("event").get("reaction_type")).remove("emoji_type"), "emoji_type");
    }

    @Test
    void reactionWithoutMessageId() {
        assertUnreadable("reaction-deleted-ok.json", p -> ((ObjectNode) p.get("event")).remove("message_id"),
                "message_id");
    }

    @Test
    void recallWithoutChatId() {
        assertUnreadable("recalled-owner.json", p -> ((ObjectNode) p.get("event")).remove("chat_id"), "chat_id");
    }

    @Test
    void noTimestampAnywhere() {
        assertUnreadable("member-added-one.json", p -> ((ObjectNode) p.get("header")).remove("create_time"),
                "timestamp");
    }

    @Test
    void wrongSchema() {
        assertUnreadable("message-text-mention.json", p -> p.put("schema", "1.0"), "schema");
    }

    @Test
    void encryptedPayload() throws IOException {
        JsonNode payload = JSON.readTree("{\"encrypt\":\"FIAfJPGRmFZWkaxPQ1XrJZVbv2JwdjfLk4jx0k\"}");
        PlatformPayload.UnreadablePayload e =
                assertThrows(PlatformPayload.UnreadablePayload.class, () -> feishu.events(payload));
        assertTrue(e.getMessage().contains("encrypt"), e.getMessage());
    }

    @Test
    void notAnObject() throws IOException {
        JsonNode payload = JSON.readTree("[\"schema\",\"2.0\"]");
        assertThrows(PlatformPayload.UnreadablePayload.class, () -> feishu.events(payload));
    }
}
