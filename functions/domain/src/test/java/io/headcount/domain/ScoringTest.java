package io.headcount.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The scoring rules and the gaming scenarios of the issue, each on its own; the hand-checked week is separate. */
class ScoringTest {
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** A Tuesday. */
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    static Instant at(LocalDate day, String time) {
        return LocalDateTime.of(day, LocalTime.parse(time)).atZone(ZONE).toInstant();
    }

    static KeptMessage msg(String id, String user, Instant at, String text, String replyTo, Set<String> reactors) {
        return KeptMessage.arrived(id, user, at, text, replyTo, List.of(), TopicTag.DEFAULT_TAGS, false, false,
                reactors);
    }

    static KeptMessage msg(String id, String user, String time, String text) {
        return msg(id, user, at(DAY, time), text, null, Set.of());
    }

    static KeptMessage reply(String id, String user, String time, String text, String to) {
        return msg(id, user, at(DAY, time), text, to, Set.of());
    }

    static Scoring.Board board(List<KeptMessage> messages) {
        return board(messages, false);
    }

    static Scoring.Board board(List<KeptMessage> messages, boolean requiresTags) {
        return Scoring.of(new Scoring.Input(DAY, ZONE, ScoreWeights.DEFAULT,
                List.of(new Scoring.GroupWeek("g", requiresTags, messages)), Map.of()));
    }

    static Scoring.MemberScore of(Scoring.Board b, String user) {
        return b.org().stream().filter(s -> s.userId().equals(user)).findFirst().orElseThrow();
    }

    /** Three thorough answers to questions from others, each within 10 minutes. */
    static List<KeptMessage> thoroughAnswerer() {
        return new ArrayList<>(List.of(
                msg("q1", "asker", "10:00", "#求助 大客户要求 60 天账期，合同怎么写？"),
                reply("a1", "expert", "10:08", "【求助】账期写在付款条款第 3 条，超过 45 天需要财务总监审批，模板在共享盘", "q1"),
                msg("q2", "asker2", "11:00", "请问续约报价能打几折？"),
                reply("a2", "expert", "11:06", "老客户续约最多 9 折，超过要找区域总监，附上上季度的审批记录作参考", "q2"),
                msg("q3", "asker3", "14:00", "工单系统里怎么把问题转给售后？"),
                reply("a3", "expert", "14:05", "在工单详情点转派，选售后组，写清客户联系人和故障现象", "q3")));
    }

    @Test
    void aThoroughAnswererScoresForSubstanceAndSpeed() {
        Scoring.MemberScore expert = of(board(thoroughAnswerer()), "expert");
        // a1: message 1 + tagged 1 + answer 3 + fast 2 = 7; a2 and a3: 1 + 3 + 2 = 6 each.
        assertEquals(19, expert.points());
        assertEquals(3, expert.breakdown().get("messages"));
        assertEquals(9, expert.breakdown().get("answers"));
        assertEquals(6, expert.breakdown().get("fastAnswers"));
        assertTrue(expert.badges().contains("FAST_RESPONDER"));
        assertTrue(expert.badges().contains("TOP_CONTRIBUTOR"));
        assertEquals(1, expert.rank());
    }

    @Test
    void anEmojiEvery61SecondsAllDayScoresNothing() {
        List<KeptMessage> spam = new ArrayList<>();
        Instant t = at(DAY, "08:00");
        for (int i = 0; i < 600; i++) {
            spam.add(msg("e" + i, "emoji", t.plusSeconds(61L * i), i % 2 == 0 ? "🔥" : "👏👏", null, Set.of()));
        }
        Scoring.MemberScore s = of(board(spam), "emoji");
        assertEquals(0, s.points());
        assertEquals(600, s.rules().get("TOO_SHORT"));
    }

    @Test
    void theSameSentencePasted50TimesScoresOnce() {
        List<KeptMessage> paste = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            paste.add(msg("p" + i, "paster", at(DAY, "09:00").plusSeconds(120L * i),
                    i % 2 == 0 ? "【商机】华东大客户有采购意向，请联系我" : "【商机】华东大客户有采购意向,请联系我!", null, Set.of()));
        }
        Scoring.MemberScore s = of(board(paste), "paster");
        assertEquals(2, s.points(), "one tagged message");
        assertEquals(49, s.rules().get("DUPLICATE"));
    }

    @Test
    void twoMembersReplyingOnlyToEachOtherAreDamped() {
        List<KeptMessage> chat = new ArrayList<>();
        chat.add(msg("c0", "ping", "09:00", "今天的客户拜访安排一下"));
        for (int i = 1; i <= 40; i++) {
            String user = i % 2 == 1 ? "pong" : "ping";
            chat.add(reply("c" + i, user, LocalTime.of(9, 0).plusMinutes(2L * i).toString(),
                    "第 " + i + " 轮，我觉得可以这样安排拜访路线", "c" + (i - 1)));
        }
        Scoring.Board b = board(chat);
        Scoring.MemberScore ping = of(b, "ping");
        Scoring.MemberScore pong = of(b, "pong");
        assertEquals(20, pong.rules().get("RECIPROCAL"));
        assertEquals(20, ping.rules().get("RECIPROCAL"));
        assertEquals(0, pong.points(), "each reply keeps 25% of 1 point, rounded down");
        assertEquals(1, ping.points(), "only the opener");
    }

    @Test
    void selfReactionsAndSelfRepliesCountForNothing() {
        List<KeptMessage> vain = List.of(
                msg("v1", "vain", at(DAY, "09:00"), "【案例分享】我们拿下了华东大单", null, Set.of("vain")),
                msg("v2", "vain", at(DAY, "09:05"), "真的很不容易，大家给我点赞", "v1", Set.of("vain")));
        Scoring.MemberScore s = of(board(vain), "vain");
        assertEquals(1 + 1 + 3, s.points(), "the case itself, no reactions, no reply to oneself");
        assertEquals(1, s.rules().get("SELF_REACTION"));
        assertEquals(1, s.rules().get("SELF_REPLY"));
        assertEquals(0, s.breakdown().get("reactions"));
    }

    @Test
    void theThoroughAnswererOutranksEveryGamer() {
        List<KeptMessage> all = thoroughAnswerer();
        Instant t = at(DAY, "08:00");
        for (int i = 0; i < 600; i++) {
            all.add(msg("e" + i, "emoji", t.plusSeconds(61L * i), "👍👍", null, Set.of()));
        }
        for (int i = 0; i < 50; i++) {
            all.add(msg("p" + i, "paster", t.plusSeconds(120L * i), "【商机】华东大客户有采购意向，请联系我", null, Set.of()));
        }
        all.add(msg("c0", "ping", "09:00", "今天的客户拜访安排一下"));
        for (int i = 1; i <= 40; i++) {
            all.add(reply("c" + i, i % 2 == 1 ? "pong" : "ping", LocalTime.of(9, 0).plusMinutes(2L * i).toString(),
                    "第 " + i + " 轮，拜访路线这样排", "c" + (i - 1)));
        }
        all.add(msg("v1", "vain", at(DAY, "09:00"), "【案例分享】我们拿下了华东大单", null, Set.of("vain")));
        Scoring.Board b = board(all);
        int expert = of(b, "expert").points();
        for (String gamer : List.of("emoji", "paster", "ping", "pong", "vain")) {
            assertTrue(expert > of(b, gamer).points(), gamer + " " + of(b, gamer).points() + " vs " + expert);
        }
        assertEquals("expert", b.org().get(0).userId());
    }

    @Test
    void oneScoringMessagePerMinuteAndADailyCap() {
        List<KeptMessage> burst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            burst.add(msg("b" + i, "fast", at(DAY, "09:00").plusSeconds(10L * i), "【讨论】第" + i + "个想法很重要", null,
                    Set.of()));
        }
        Scoring.MemberScore s = of(board(burst), "fast");
        assertEquals(2, s.points());
        assertEquals(4, s.rules().get("COOLDOWN"));

        List<KeptMessage> day = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            day.add(msg("d" + i, "busy", at(DAY, "09:00").plusSeconds(300L * i), "【客户反馈】客户第" + i + "条意见", null,
                    Set.of()));
        }
        Scoring.MemberScore capped = of(board(day), "busy");
        assertEquals(ScoreWeights.DEFAULT.dailyCap(), capped.points(), "20 x 4 points, capped at 30 a day");
        assertEquals(13, capped.rules().get("DAILY_CAP"), "the 8th message is cut, the 9th to 20th too");
        assertTrue(capped.badges().contains("CUSTOMER_VOICE"));
    }

    @Test
    void reactionsCountFromThreeOthersAtMostAndRemovalsCost() {
        KeptMessage liked = msg("l", "author", at(DAY, "09:00"), "【案例分享】本季度续约复盘", null,
                Set.of("a", "b", "c", "d", "e", "author"));
        KeptMessage removed = new KeptMessage("x", "author", at(DAY, "10:00"), null, null, false, null, List.of(),
                MessageHints.of("广告", java.util.Optional.empty(), List.of()), false, true, Set.of());
        Scoring.MemberScore s = of(board(List.of(liked, removed)), "author");
        assertEquals(3, s.breakdown().get("reactions"));
        assertEquals(1, s.rules().get("REACTION_LIMIT"));
        assertEquals(1, s.rules().get("SELF_REACTION"));
        assertEquals(-5, s.breakdown().get("removedByAdmin"));
        assertEquals(1 + 1 + 3 + 3 - 5, s.points());
    }

    @Test
    void untaggedOpenersCostWhereTheGroupRequiresTags() {
        List<KeptMessage> m = List.of(msg("u1", "u", "09:00", "明天下午开会讨论报价"),
                reply("u2", "w", "09:05", "好的我会准时参加", "u1"));
        assertEquals(0, of(board(m, true), "u").points(), "1 for the message, -1 for no tag");
        assertEquals(1, of(board(m, true), "w").points(), "a reply needs no tag");
        assertEquals(1, of(board(m, false), "u").points());
    }

    @Test
    void scoresAreAPureFunctionOfTheEventsInAnyOrder() {
        List<KeptMessage> all = thoroughAnswerer();
        for (int i = 0; i < 30; i++) {
            all.add(msg("x" + i, "m" + (i % 4), at(DAY, "09:00").plusSeconds(45L * i),
                    i % 3 == 0 ? "【讨论】方案" + (i % 5) : "好的", i > 0 && i % 4 == 0 ? "x" + (i - 1) : null,
                    i % 5 == 0 ? Set.of("m1", "m2") : Set.of()));
        }
        Scoring.Board first = board(all);
        for (long seed = 1; seed <= 5; seed++) {
            Collections.shuffle(all, new Random(seed));
            assertEquals(first, board(all));
        }
    }

    @Test
    void tiesAreBrokenByFewerRemovalsThenById() {
        List<KeptMessage> m = List.of(
                msg("1", "bob", "09:00", "【讨论】方案一"), msg("2", "amy", "09:00", "【讨论】方案二"),
                msg("3", "cat", "09:00", "【讨论】方案三"), msg("4", "cat", "09:10", "【讨论】方案四"),
                new KeptMessage("5", "cat", at(DAY, "09:20"), null, null, false, null, List.of(),
                        MessageHints.of("x", java.util.Optional.empty(), List.of()), false, true, Set.of()));
        // amy 2, bob 2, cat 2 + 2 - 5 = -1.
        assertEquals(List.of("amy", "bob", "cat"), board(m).org().stream().map(Scoring.MemberScore::userId).toList());
        assertEquals(List.of(1, 2, 3), board(m).org().stream().map(Scoring.MemberScore::rank).toList());
    }
}
