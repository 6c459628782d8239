package io.headcount.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each digest rule on a few messages; the full hand-checked day is DigestFixtureTest. */
class DigestTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final WorkingHours HOURS = WorkingHours.weekdays(ZONE);
    /** A Tuesday. */
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    static final Digest.Segmenter WORDS = text -> Arrays.asList(text.split("[\\s,，。！？?!、]+"));

    static Instant at(String time) {
        return LocalDateTime.of(DAY, java.time.LocalTime.parse(time)).atZone(ZONE).toInstant();
    }

    static KeptMessage msg(String id, String user, String time, String text) {
        return msg(id, user, at(time), text, null, List.of());
    }

    static KeptMessage msg(String id, String user, Instant at, String text, String replyTo, List<String> mentions) {
        return KeptMessage.arrived(id, user, at, text, replyTo, mentions, TopicTag.DEFAULT_TAGS, false, false,
                Set.of());
    }

    static KeptMessage msg(String id, String user, Instant at, String text) {
        return msg(id, user, at, text, null, List.of());
    }

    static KeptMessage reply(String id, String user, String time, String text, String to) {
        return msg(id, user, at(time), text, to, List.of());
    }

    static KeptMessage with(KeptMessage m, boolean deleted, boolean removed, Set<String> reactors) {
        return new KeptMessage(m.messageId(), m.userId(), m.at(), deleted || removed ? null : m.text(), m.tag(),
                m.tagKnown(), m.replyTo(), m.mentions(), m.hints(), deleted, removed, reactors);
    }

    static Digest digest(List<String> members, KeptMessage... messages) {
        return digest(Period.DAY, members, null, messages);
    }

    static Digest digest(Period period, List<String> members, Integer previous, KeptMessage... messages) {
        return Digest.of(new Digest.Input("g", period, DAY, 15, 5, members, List.of(messages), previous), HOURS, WORDS,
                List.of("我们", "这个"));
    }

    static final List<String> FIVE = List.of("a", "b", "c", "d", "e");

    @Test
    void aQuestionIsAnsweredByAReplyOrAMentionOfTheAskerFromSomeoneElse() {
        Digest d = digest(FIVE,
                msg("q1", "a", "10:00", "#求助 报价单模板在哪？"),
                reply("r1", "b", "10:05", "在共享盘/模板", "q1"),
                msg("q2", "c", "11:00", "请问明天几点开会"),
                msg("r2", "d", at("11:20"), "@c 下午两点", null, List.of("c")),
                msg("q3", "e", "12:00", "合同盖章找谁？"),
                reply("r3", "e", "12:01", "我自己问问", "q3"),
                reply("r4", "a", "12:30", "谢谢", "q3"));
        assertEquals(3, d.questions().asked());
        assertEquals(2, d.questions().answered());
        assertEquals(List.of(new Digest.OpenQuestion("q3", "e", at("12:00"))), d.questions().open(),
                "the asker's own reply and a courtesy are not answers");
        assertEquals(300L, d.firstResponse().medianSeconds(), "nearest rank of [300, 1200]");
        assertEquals(1200L, d.firstResponse().p90Seconds());
    }

    @Test
    void responseTimesCountWorkingHoursOnly() {
        KeptMessage q = msg("q", "a", at("18:50"), "客户问发票什么时候开？", null, List.of());
        KeptMessage r = msg("r", "b", LocalDateTime.of(DAY.plusDays(1), java.time.LocalTime.of(9, 10)).atZone(ZONE)
                .toInstant(), "今天上午开", "q", List.of());
        Digest week = digest(Period.WEEK, FIVE, null, q, r);
        assertEquals(1200L, week.firstResponse().medianSeconds(), "10 minutes on Tuesday, 10 on Wednesday");
        Digest day = digest(FIVE, q, r);
        assertEquals(1, day.questions().open().size(), "the answer came the next day: open at the end of this one");
    }

    @Test
    void removedMessagesCountNowhereAndDeletedOnesStillCount() {
        KeptMessage spam = with(msg("s", "e", "10:00", "广告"), false, true, Set.of());
        KeptMessage gone = with(msg("x", "d", "10:01", "发错了"), true, false, Set.of());
        Digest d = digest(FIVE, spam, gone, msg("m", "a", "10:02", "【通知】周五例会"));
        assertEquals(2, d.messages());
        assertEquals(1, d.removedByAdmin());
        assertEquals(2, d.activeMembers());
        assertEquals(List.of("b", "c", "e"), d.silentMembers());
    }

    @Test
    void onlyThePeriodCountsAndAWeekRunsMondayToSunday() {
        KeptMessage monday = msg("mon", "a", at("10:00").minusSeconds(86_400), "周一");
        KeptMessage sunday = msg("sun", "a", at("10:00").plusSeconds(5 * 86_400), "周日");
        KeptMessage nextMonday = msg("next", "a", at("10:00").plusSeconds(6 * 86_400), "下周一");
        KeptMessage today = msg("tue", "b", "10:00", "周二");
        assertEquals(1, digest(FIVE, monday, sunday, nextMonday, today).messages());
        Digest week = digest(Period.WEEK, FIVE, null, monday, sunday, nextMonday, today);
        assertEquals(3, week.messages());
        assertEquals(LocalDate.of(2026, 11, 23), week.date(), "a week digest is dated by its Monday");
    }

    @Test
    void tagsCountAndOnlyOpenersNeedOne() {
        Digest d = digest(FIVE,
                msg("1", "a", "10:00", "【客户反馈】客户嫌贵"),
                msg("2", "b", "10:01", "[客户反馈] 交付慢"),
                msg("3", "c", "10:02", "#任务 @d 跟进"),
                msg("4", "d", "10:03", "今天谁值班"),
                reply("5", "e", "10:04", "我", "4"),
                msg("6", "a", "10:05", "收到"));
        assertEquals(Map.of("客户反馈", 2, "任务", 1), d.tags());
        assertEquals(List.of("客户反馈", "任务"), List.copyOf(d.tags().keySet()), "most used first");
        assertEquals(1, d.untagged(), "the reply and the courtesy need no tag");
        assertEquals(0.25, d.untaggedShare());
        assertEquals(2, d.feedback().size());
    }

    @Test
    void healthPartsFollowTheirRules() {
        // 3 of 5 active (0.6 -> full 25), 1 of 2 questions answered (8 of 15), median 45 min (speed 9),
        // 1 of 3 openers untagged (17 of 25), 5 members within [5, 15] (25).
        Digest d = digest(Period.DAY, FIVE, 70,
                msg("q1", "a", "10:00", "【求助】报价审批卡在哪？"),
                reply("r1", "b", "10:45", "财务那边", "q1"),
                msg("q2", "c", "11:00", "【求助】新客户怎么建档？"),
                msg("m", "a", "15:00", "下午拜访回来了"));
        assertEquals(Map.of("participation", 25, "answers", 8, "speed", 9, "topics", 17, "size", 25),
                d.health().parts());
        assertEquals(84, d.health().score());
        assertEquals(14, d.health().change());
    }

    @Test
    void aGroupOverItsCapLosesSizePointsAndIsFlagged() {
        List<String> twenty = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            twenty.add("m" + i);
        }
        Digest d = digest(twenty, msg("1", "m1", "10:00", "【通知】大家好"));
        assertEquals(19, d.health().parts().get("size"), "25 x 15/20 rounds to 19");
        assertTrue(d.overload().flagged());
        assertEquals(List.of("OVER_CAP"), d.overload().reasons());
        assertNull(d.health().change());
    }

    @Test
    void keyMessagesNeedReactionsOrRepliesFromOthers() {
        KeptMessage popular = with(msg("p", "a", "10:00", "【案例分享】拿下华东大单的复盘"), false, false,
                Set.of("a", "b", "c", "d"));
        KeptMessage discussed = msg("t", "b", "11:00", "这个价格怎么谈？");
        Digest d = digest(FIVE, popular, discussed, reply("t1", "c", "11:05", "先谈账期", "t"),
                reply("t2", "d", "11:06", "再谈量", "t"), with(msg("self", "e", "12:00", "自夸"), false, false,
                        Set.of("e", "a")));
        assertEquals(List.of("t", "p"), d.keyMessages().stream().map(Digest.Item::messageId).toList(),
                "2 replies (4) outrank 3 reactions; own reactions do not count");
        assertEquals(List.of("p"), d.cases().stream().map(Digest.Item::messageId).toList());
    }

    @Test
    void topicsAreWordsSharedByTwoMessagesAtMostSix() {
        List<KeptMessage> messages = new ArrayList<>();
        String[] words = {"报价", "合同", "回款", "发票", "拜访", "工单", "物流"};
        int n = 0;
        for (int i = 0; i < words.length; i++) {
            for (int j = 0; j <= i % 3 + 1; j++) {
                messages.add(msg("w" + n++, "a", "10:00", words[i] + " 我们 这个 " + (j == 0 ? "单次" + i : "")));
            }
        }
        Digest d = digest(FIVE, messages.toArray(KeptMessage[]::new));
        assertEquals(Digest.MAX_TOPICS, d.topics().size());
        assertTrue(d.topics().stream().noneMatch(t -> t.word().equals("我们")), "stop words are not topics");
        assertTrue(d.topics().stream().allMatch(t -> t.messages() >= 2));
        assertFalse(d.topics().stream().anyMatch(t -> t.word().startsWith("单次")), "one message is not a topic");
    }

    @Test
    void theSameMessagesInAnyOrderGiveTheSameDigest() {
        List<KeptMessage> messages = new ArrayList<>(List.of(
                msg("q1", "a", "10:00", "#求助 报价单模板在哪？"),
                reply("r1", "b", "10:05", "在共享盘", "q1"),
                msg("q2", "c", "10:05", "请问周会改时间了吗？"),
                msg("x", "d", "10:05", "【任务】@e 明天拜访", null, List.of("e")),
                with(msg("p", "e", "10:06", "【案例分享】复盘"), false, false, Set.of("a", "b", "c"))));
        Digest first = digest(FIVE, messages.toArray(KeptMessage[]::new));
        for (long seed = 1; seed <= 5; seed++) {
            Collections.shuffle(messages, new Random(seed));
            assertEquals(first, digest(FIVE, messages.toArray(KeptMessage[]::new)));
        }
    }

    static KeptMessage msg(String id, String user, String time, String text, String replyTo, List<String> mentions) {
        return msg(id, user, at(time), text, replyTo, mentions);
    }

    @Test
    void theTextIsInTheOrgsLanguageAndNamesSilentMembersToAdminsOnly() {
        Digest d = digest(FIVE, msg("q1", "a", "10:00", "#求助 报价单模板在哪？"),
                reply("r1", "b", "10:05", "在共享盘", "q1"));
        String zh = DigestText.render(d, "华东客户维护群", Language.ZH_CN, ZONE, true);
        assertTrue(zh.startsWith("【群日报】华东客户维护群 · 2026-11-24"), zh);
        assertTrue(zh.contains("健康度 " + d.health().score() + "/100"), zh);
        assertTrue(zh.contains("首次响应中位 5 分钟"), zh);
        assertTrue(zh.contains("本期未发言：c, d, e"), zh);
        String en = DigestText.render(d, "East care", Language.EN, ZONE, false);
        assertTrue(en.contains("2 messages from 2 of 5 members (40% participation)"), en);
        assertFalse(en.contains("Silent"), en);
    }
}
