package io.headcount.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChatEventSpecTest {
    static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    static final Instant OLDEST = NOW.minus(Duration.ofDays(90));

    static ChatEventSpec message() {
        return new ChatEventSpec("message", null, "m-1", "east", "li.lei", "2026-11-27T17:30:00+08:00",
                "【客户反馈】交付延迟 @han.mei", null, List.of("han.mei"), null);
    }

    static ChatEventSpec with(UnaryOperator<Object[]> change) {
        ChatEventSpec m = message();
        Object[] f = {m.type(), m.platform(), m.messageId(), m.groupId(), m.userId(), m.at(), m.text(), m.replyTo(),
            m.mentions(), m.reaction()};
        f = change.apply(f);
        @SuppressWarnings("unchecked")
        List<String> mentions = (List<String>) f[8];
        return new ChatEventSpec((String) f[0], (String) f[1], (String) f[2], (String) f[3], (String) f[4],
                (String) f[5], (String) f[6], (String) f[7], mentions, (String) f[9]);
    }

    static UnaryOperator<Object[]> set(int index, Object value) {
        return f -> {
            f[index] = value;
            return f;
        };
    }

    static List<String> many(int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add("u" + i);
        }
        return ids;
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("no type", with(set(0, null)), "type"),
                Arguments.of("unknown type", with(set(0, "poke")), "type"),
                Arguments.of("unknown platform", with(set(1, "wechat")), "platform"),
                Arguments.of("no message id", with(set(2, null)), "messageId"),
                Arguments.of("message id with spaces", with(set(2, "m 1")), "messageId"),
                Arguments.of("message id of 129 chars", with(set(2, "m".repeat(129))), "messageId"),
                Arguments.of("message id with a newline", with(set(2, "m\n1")), "messageId"),
                Arguments.of("no group", with(set(3, null)), "groupId"),
                Arguments.of("group with #", with(set(3, "a#b")), "groupId"),
                Arguments.of("group of 65 chars", with(set(3, "g".repeat(65))), "groupId"),
                Arguments.of("empty group", with(set(3, "")), "groupId"),
                Arguments.of("no author", with(set(4, null)), "userId"),
                Arguments.of("author in Chinese", with(set(4, "李雷")), "userId"),
                Arguments.of("author with a slash", with(set(4, "../admin")), "userId"),
                Arguments.of("no time", with(set(5, null)), "at"),
                Arguments.of("time without offset", with(set(5, "2026-11-27T09:30:00")), "at"),
                Arguments.of("time as epoch text", with(set(5, "1764235800")), "at"),
                Arguments.of("time far in the future", with(set(5, "2031-01-01T00:00:00Z")), "at"),
                Arguments.of("time ten minutes ahead", with(set(5, "2026-11-27T10:10:00Z")), "at"),
                Arguments.of("time before retention", with(set(5, "2026-01-01T00:00:00Z")), "at"),
                Arguments.of("time in year 0", with(set(5, "0000-01-01T00:00:00Z")), "at"),
                Arguments.of("10,000 mentions", with(set(8, many(10_000))), "mentions"),
                Arguments.of("51 mentions", with(set(8, many(51))), "mentions"),
                Arguments.of("mention with a space", with(set(8, List.of("han mei"))), "mentions[0]"),
                Arguments.of("null mention", with(set(8, Collections.singletonList(null))), "mentions[0]"),
                Arguments.of("reply-to with spaces", with(set(7, "a b")), "replyTo"),
                Arguments.of("reaction on a message", with(set(9, "thumbsup")), "reaction"),
                Arguments.of("reaction without emoji", with(f -> {
                    f[0] = "reaction_added";
                    return f;
                }), "reaction"),
                Arguments.of("reaction emoji of 65 chars", with(f -> {
                    f[0] = "reaction_removed";
                    f[9] = "e".repeat(65);
                    return f;
                }), "reaction"),
                Arguments.of("control characters in text", with(set(6, "hi\u0000there")), "text"),
                Arguments.of("escape sequence in text", with(set(6, "\u001b[31mred")), "text"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void isRefusedWithItsReason(String name, ChatEventSpec spec, String field) {
        Checked<ChatEvent> checked = spec.check(NOW, OLDEST);
        assertFalse(checked.isValid(), name);
        assertTrue(checked.violations().stream().anyMatch(v -> v.field().equals(field)), checked.violations()
                .toString());
    }

    @Test
    void aValidMessageIsNormalised() {
        ChatEvent e = message().check(NOW, OLDEST).value();
        assertEquals("api", e.platform());
        assertEquals(ChatEvent.Kind.MESSAGE, e.kind());
        assertEquals(Instant.parse("2026-11-27T09:30:00Z"), e.at());
        assertEquals(List.of("han.mei"), e.mentions());
        assertFalse(e.truncated());
    }

    @Test
    void longTextIsKeptTruncatedAndFlagged() {
        String text = "长".repeat(5_000);
        ChatEvent e = with(set(6, text)).check(NOW, OLDEST).value();
        assertTrue(e.truncated());
        assertEquals(ChatEvent.MAX_TEXT, e.text().codePointCount(0, e.text().length()));
    }

    @Test
    void surrogatePairsAreNotCutInHalf() {
        String text = "😀".repeat(4_001);
        ChatEvent e = with(set(6, text)).check(NOW, OLDEST).value();
        assertEquals("😀".repeat(4_000), e.text());
    }

    @Test
    void repeatedMentionsCountOnce() {
        assertEquals(List.of("a", "b"), with(set(8, List.of("a", "b", "a"))).check(NOW, OLDEST).value().mentions());
    }

    @Test
    void membershipChangesNeedNoMessageId() {
        ChatEvent e = with(f -> {
            f[0] = "member_joined";
            f[2] = null;
            f[6] = null;
            f[8] = null;
            return f;
        }).check(NOW, OLDEST).value();
        assertEquals(ChatEvent.Kind.MEMBER_JOINED, e.kind());
    }

    @Test
    void aReactionKeepsItsEmoji() {
        ChatEvent e = with(f -> {
            f[0] = "reaction_added";
            f[9] = "thumbsup";
            f[6] = null;
            return f;
        }).check(NOW, OLDEST).value();
        assertEquals("thumbsup", e.reaction());
    }

    @Test
    void platformMessageIdsOfEveryPlatformAreAccepted() {
        for (String id : List.of("1700000000.000100", "om_dc13264520392913993dd051dba21dcf",
                "msgNqnrV2R8JScWvQPj0y/pQA==", "1234567890123456789_1700000000000_external")) {
            assertTrue(with(set(2, id)).check(NOW, OLDEST).isValid(), id);
        }
    }
}
