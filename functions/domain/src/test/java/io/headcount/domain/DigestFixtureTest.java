package io.headcount.domain;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One hand-checked group-day: {@code digest/east-maintenance-2026-11-24.tsv}, 176 rows of a 华东 customer
 * maintenance team's chat (170 on Tuesday 2026-11-24, 3 the day before, 3 the day after). Every expected number
 * below is worked out by hand in {@code digest/east-maintenance-2026-11-24.md}; none was copied from the code.
 */
class DigestFixtureTest {

    static final String FIXTURE = "/digest/east-maintenance-2026-11-24.tsv";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate DAY = LocalDate.of(2026, 11, 24);
    static final WorkingHours HOURS = WorkingHours.weekdays(SHANGHAI);

    /** The 14 seated members: 8 write today, 6 do not. */
    static final List<String> MEMBERS = List.of(
            "wang.jing", "zhang.wei", "li.na", "chen.hao", "liu.yang", "zhao.lei", "zhou.min", "wu.fang",
            "sun.hao", "ma.li", "hu.jun", "guo.qiang", "he.xue", "lin.tao");
    static final int PREVIOUS_SCORE = 74;

    /** Splits on whitespace, punctuation and symbols: enough for a test, topics are not asserted exactly. */
    static final Digest.Segmenter WORDS = text -> Arrays.stream(text.split("[\\s\\p{P}\\p{S}]+"))
            .filter(w -> !w.isEmpty()).toList();

    // ---------------------------------------------------------------- reading the fixture

    /** One row of the TSV as written. */
    record Row(String messageId, Instant at, String userId, String replyTo, List<String> mentions, String text,
            Set<String> flags, Set<String> reactors) {
    }

    static List<Row> rows() {
        InputStream in = DigestFixtureTest.class.getResourceAsStream(FIXTURE);
        assertNotNull(in, FIXTURE);
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            assertEquals("messageId\ttime\tuserId\treplyTo\tmentions\ttext\tflags\treactors", header);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                assertEquals(8, f.length, line);
                rows.add(new Row(f[0], at(f[1]), f[2], f[3].isEmpty() ? null : f[3], ids(f[4]), f[5],
                        Set.copyOf(ids(f[6])), Set.copyOf(ids(f[7]))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** {@code HH:mm:ss} on the fixture's day, or {@code yyyy-MM-dd HH:mm:ss} on another day; Shanghai time. */
    static Instant at(String time) {
        LocalDateTime local = time.contains(" ") ? LocalDateTime.parse(time.replace(' ', 'T'))
                : DAY.atTime(LocalTime.parse(time));
        return local.atZone(SHANGHAI).toInstant();
    }

    static List<String> ids(String field) {
        return field.isEmpty() ? List.of() : List.of(field.split(","));
    }

    /**
     * A row as the store keeps it: tag and hints are read from the text when it arrives; deleting or removing a
     * message takes its text away and keeps the rest.
     */
    static KeptMessage kept(Row r) {
        return KeptMessage.arrived(r.messageId(), r.userId(), r.at(), r.text(), r.replyTo(), r.mentions(),
                TopicTag.DEFAULT_TAGS, r.flags().contains("deleted"), r.flags().contains("removed"), r.reactors());
    }

    static List<KeptMessage> messages() {
        return rows().stream().map(DigestFixtureTest::kept).toList();
    }

    static Digest digest(List<KeptMessage> messages) {
        Policy policy = Policy.DEFAULT;
        return Digest.of(new Digest.Input("east-maintenance-1", Period.DAY, DAY, policy.cap(), policy.minSize(),
                MEMBERS, messages, PREVIOUS_SCORE), HOURS, WORDS, List.of());
    }

    // ---------------------------------------------------------------- the fixture itself

    @Test
    void theFixtureIsOneRealisticGroupDay() {
        List<Row> rows = rows();
        long today = rows.stream().filter(r -> r.at().atZone(SHANGHAI).toLocalDate().equals(DAY)).count();
        assertAll(
                () -> assertEquals(176, rows.size(), "rows"),
                () -> assertEquals(170, today, "rows on 2026-11-24"),
                () -> assertEquals(176, rows.stream().map(Row::messageId).distinct().count(), "unique ids"),
                () -> assertEquals(List.of("m045"), rows.stream().filter(r -> r.flags().contains("removed"))
                        .map(Row::messageId).toList()),
                () -> assertEquals(List.of("m099"), rows.stream().filter(r -> r.flags().contains("deleted"))
                        .map(Row::messageId).toList()),
                () -> assertTrue(rows.stream().allMatch(r -> MEMBERS.contains(r.userId())), "authors are seated"));
    }

    // ---------------------------------------------------------------- counts

    @Test
    void countsMembersAndParticipation() {
        Digest d = digest(messages());
        assertAll(
                () -> assertEquals("east-maintenance-1", d.groupId()),
                () -> assertEquals(Period.DAY, d.period()),
                () -> assertEquals(DAY, d.date()),
                () -> assertEquals(169, d.messages(), "170 on the day, m045 removed"),
                () -> assertEquals(1, d.removedByAdmin(), "m045"),
                () -> assertEquals(8, d.activeMembers()),
                () -> assertEquals(14, d.members()),
                () -> assertEquals(0.571, d.participation(), 0.0, "8/14 = 0.5714…"),
                () -> assertEquals(21.125, d.messagesPerMember(), 0.0, "169/8"),
                () -> assertEquals(List.of("guo.qiang", "he.xue", "hu.jun", "lin.tao", "ma.li", "sun.hao"),
                        d.silentMembers()),
                () -> assertEquals(new Digest.Overload(false, List.of()), d.overload()));
    }

    @Test
    void countsTagsAndUntaggedOpeners() {
        Digest d = digest(messages());
        Map<String, Integer> tags = new LinkedHashMap<>();
        tags.put("求助", 6);
        tags.put("通知", 5);
        tags.put("周报", 4);
        tags.put("工单", 4);
        tags.put("任务", 3);
        tags.put("客户反馈", 3);
        tags.put("讨论", 3);
        tags.put("商机", 2);
        tags.put("案例分享", 2);
        assertAll(
                () -> assertEquals(tags, d.tags()),
                () -> assertEquals(List.copyOf(tags.entrySet()), List.copyOf(d.tags().entrySet()),
                        "most used first, ties by tag"),
                () -> assertEquals(33, d.untagged(), "33 untagged of 64 openers"),
                () -> assertEquals(0.516, d.untaggedShare(), 0.0, "33/64 = 0.515625"));
    }

    // ---------------------------------------------------------------- questions and first responses

    @Test
    void questionsAskedAnsweredAndOpen() {
        Digest d = digest(messages());
        assertAll(
                () -> assertEquals(14, d.questions().asked(), "m099 is deleted and not asked"),
                () -> assertEquals(11, d.questions().answered()),
                () -> assertEquals(List.of(
                        new Digest.OpenQuestion("m068", "wang.jing", at("11:50:00")),
                        new Digest.OpenQuestion("m131", "zhao.lei", at("16:45:00")),
                        new Digest.OpenQuestion("m150", "zhang.wei", at("18:40:00"))), d.questions().open()));
    }

    @Test
    void firstResponseMedianAndP90InWorkingHours() {
        Digest d = digest(messages());
        // Sorted waits: 0, 210, 400, 450, 1800, 6300, 7260, 9900, 13200, 19800, 23400 (n = 11).
        // Median: rank ceil(0.5 × 11) = 6 → 6300; p90: rank ceil(0.9 × 11) = 10 → 19800.
        assertEquals(new Digest.FirstResponse(6300L, 19800L, 11), d.firstResponse());
    }

    /** The question → first answer pairs of the hand calculation, each wait in working seconds. */
    static Stream<Arguments> waits() {
        return Stream.of(
                Arguments.of("m006", "07:55:00", "m114", "15:30:00", 23400L),
                Arguments.of("m013", "08:42:10", "m018", "09:06:40", 400L),
                Arguments.of("m023", "09:15:00", "m024", "09:18:30", 210L),
                Arguments.of("m032", "09:40:00", "m062", "11:25:00", 6300L),
                Arguments.of("m035", "09:50:00", "m112", "15:20:00", 19800L),
                Arguments.of("m039", "10:05:00", "m073", "12:06:00", 7260L),
                Arguments.of("m044", "10:30:00", "m094", "14:10:00", 13200L),
                Arguments.of("m055", "11:02:00", "m057", "11:09:30", 450L),
                Arguments.of("m087", "13:30:00", "m123", "16:15:00", 9900L),
                Arguments.of("m149", "18:30:00", "m159", "19:40:00", 1800L),
                Arguments.of("m156", "19:20:00", "m157", "19:26:00", 0L));
    }

    @ParameterizedTest(name = "{0} → {2}: {4} s")
    @MethodSource("waits")
    void eachHandListedWaitIsTheWorkingTimeBetweenItsMessages(String question, String asked, String answer,
            String answered, long seconds) {
        Map<String, Row> byId = new LinkedHashMap<>();
        rows().forEach(r -> byId.put(r.messageId(), r));
        assertEquals(at(asked), byId.get(question).at(), question);
        assertEquals(at(answered), byId.get(answer).at(), answer);
        assertEquals(seconds, HOURS.between(at(asked), at(answered)).getSeconds());
    }

    // ---------------------------------------------------------------- health

    @Test
    void healthPartsAndScore() {
        Digest d = digest(messages());
        Map<String, Integer> parts = new LinkedHashMap<>();
        parts.put("participation", 24); // round(25 × 0.571 / 0.6) = round(23.79)
        parts.put("answers", 12);       // round(15 × 11 / 14) = round(11.79)
        parts.put("speed", 6);          // round(10 × (14400 − 6300) / (14400 − 1800)) = round(6.43)
        parts.put("topics", 12);        // round(25 × (1 − 0.516)) = round(12.1)
        parts.put("size", 25);          // 5 ≤ 14 ≤ 15
        assertAll(
                () -> assertEquals(parts, d.health().parts()),
                () -> assertEquals(79, d.health().score()),
                () -> assertEquals(5, d.health().change(), "79 − 74"));
    }

    // ---------------------------------------------------------------- items

    @Test
    void keyMessagesTasksFeedbackAndCases() {
        Digest d = digest(messages());
        assertAll(
                () -> assertEquals(List.of("m105", "m004", "m016", "m068", "m116"), ids(d.keyMessages()),
                        "scores 15, 14, 11, 10, 10; m099 (11) is deleted, m085 (9) is sixth"),
                () -> assertEquals(List.of("zhou.min", "wang.jing", "li.na", "wang.jing", "wang.jing"),
                        d.keyMessages().stream().map(Digest.Item::userId).toList()),
                () -> assertEquals(List.of("m028", "m119"), d.tasks().stream().map(Digest.Task::messageId).toList(),
                        "m121 is a 【任务】 without owners"),
                () -> assertEquals(List.of(List.of("zhang.wei", "guo.qiang"), List.of("liu.yang", "zhao.lei")),
                        d.tasks().stream().map(Digest.Task::owners).toList()),
                () -> assertEquals(List.of("wang.jing", "wang.jing"),
                        d.tasks().stream().map(Digest.Task::userId).toList()),
                () -> assertEquals(List.of("m016", "m076", "m142"), ids(d.feedback())),
                () -> assertEquals(List.of("m105", "m135"), ids(d.cases()), "【案例】 m140 is not an org tag"));
    }

    @Test
    void excerptsAreTheTextsFirstEightyCharacters() {
        Digest d = digest(messages());
        Digest.Item first = d.keyMessages().get(0);
        assertEquals(at("14:40:00"), first.at());
        assertEquals("［案例分享］通达汽配续约：客户要求降价 8%，我们把巡检从季度改成双月、加了备件包，最后只降 3% 续签三年，合同额 210 万",
                first.excerpt());
    }

    @Test
    void atMostSixTopics() {
        Digest d = digest(messages());
        assertTrue(d.topics().size() <= Digest.MAX_TOPICS, d.topics().toString());
        assertTrue(d.topics().stream().allMatch(t -> t.messages() >= 2), d.topics().toString());
    }

    // ---------------------------------------------------------------- order does not matter

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2026, 20261124})
    void shuffledMessagesGiveTheSameDigest(long seed) {
        List<KeptMessage> messages = messages();
        Digest expected = digest(messages);
        List<KeptMessage> shuffled = new ArrayList<>(messages);
        Collections.shuffle(shuffled, new Random(seed));
        assertEquals(expected, digest(shuffled));
    }

    @Test
    void reversedMessagesGiveTheSameDigest() {
        List<KeptMessage> messages = new ArrayList<>(messages());
        Digest expected = digest(messages);
        Collections.reverse(messages);
        assertEquals(expected, digest(messages));
    }

    private static List<String> ids(List<Digest.Item> items) {
        return items.stream().map(Digest.Item::messageId).toList();
    }
}
