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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One hand-checked week: {@code scoring/sales-east-week-2026-11-23.tsv}, 103 rows of a 华东 sales org's two groups
 * (99 in ISO week 2026-W48, Monday 2026-11-23 to Sunday 2026-11-29 in Shanghai, and 4 just outside it). Every
 * expected number below is worked out by hand in {@code scoring/sales-east-week-2026-11-23.md}; none was copied from
 * the code.
 */
class ScoringFixtureTest {

    static final String FIXTURE = "/scoring/sales-east-week-2026-11-23.tsv";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** A Wednesday: the board is for the ISO week that contains it. */
    static final LocalDate DATE = LocalDate.of(2026, 11, 25);
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    static final String EAST = "east-sales";
    static final String KEY = "key-accounts";
    /** Group id → whether its openers must carry a tag. */
    static final Map<String, Boolean> GROUPS = Map.of(EAST, false, KEY, true);
    static final List<String> MEMBERS = List.of("wang.jing", "chen.hao", "li.na", "zhang.wei", "zhou.min", "wu.fang",
            "ma.li", "sun.hao", "liu.yang", "zhao.lei");
    static final Map<String, Integer> PREVIOUS_STREAKS = Map.of("wang.jing", 5, "chen.hao", 2, "zhang.wei", 7,
            "wu.fang", 11, "zhou.min", 0, "sun.hao", 1, "zhao.lei", 3, "he.xue", 4);
    static final List<String> RULES = List.of("TOO_SHORT", "DUPLICATE", "SELF_REPLY", "COOLDOWN", "DAILY_CAP",
            "RECIPROCAL", "REACTION_LIMIT", "SELF_REACTION");

    // ---------------------------------------------------------------- reading the fixture

    /** One row of the TSV as written. */
    record Row(String messageId, String group, Instant at, String userId, String replyTo, List<String> mentions,
            String text, Set<String> flags, Set<String> reactors) {
    }

    static List<Row> rows() {
        InputStream in = ScoringFixtureTest.class.getResourceAsStream(FIXTURE);
        assertNotNull(in, FIXTURE);
        List<Row> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            assertEquals("messageId\tgroup\ttime\tuserId\treplyTo\tmentions\ttext\tflags\treactors", header);
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                assertEquals(9, f.length, line);
                rows.add(new Row(f[0], f[1], at(f[2]), f[3], f[4].isEmpty() ? null : f[4], ids(f[5]), f[6],
                        Set.copyOf(ids(f[7])), Set.copyOf(ids(f[8]))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** {@code yyyy-MM-dd HH:mm:ss}, Shanghai time. */
    static Instant at(String time) {
        return LocalDateTime.parse(time.replace(' ', 'T')).atZone(SHANGHAI).toInstant();
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

    /** The rows grouped as the scoring reads them, groups in a fixed order, messages in file order. */
    static List<Scoring.GroupWeek> groups(List<Row> rows) {
        List<Scoring.GroupWeek> groups = new ArrayList<>();
        for (String g : List.of(EAST, KEY)) {
            groups.add(new Scoring.GroupWeek(g, GROUPS.get(g),
                    rows.stream().filter(r -> r.group().equals(g)).map(ScoringFixtureTest::kept).toList()));
        }
        return groups;
    }

    static Scoring.Board board(List<Scoring.GroupWeek> groups) {
        return Scoring.of(new Scoring.Input(DATE, SHANGHAI, ScoreWeights.DEFAULT, groups, PREVIOUS_STREAKS));
    }

    static Scoring.Board board() {
        return board(groups(rows()));
    }

    // ---------------------------------------------------------------- what the hand calculation found

    /** Points by kind, in the order of {@code Scoring.KINDS}. */
    static Map<String, Integer> kinds(int messages, int tagged, int answers, int fastAnswers, int cases, int feedback,
            int reactions, int removedByAdmin, int untagged, int dailyCap) {
        Map<String, Integer> k = new LinkedHashMap<>();
        k.put("messages", messages);
        k.put("tagged", tagged);
        k.put("answers", answers);
        k.put("fastAnswers", fastAnswers);
        k.put("cases", cases);
        k.put("feedback", feedback);
        k.put("reactions", reactions);
        k.put("removedByAdmin", removedByAdmin);
        k.put("untagged", untagged);
        k.put("dailyCap", dailyCap);
        return k;
    }

    static Map<String, Integer> rules(Object... ruleAndCount) {
        Map<String, Integer> r = new LinkedHashMap<>();
        for (int i = 0; i < ruleAndCount.length; i += 2) {
            r.put((String) ruleAndCount[i], (Integer) ruleAndCount[i + 1]);
        }
        return r;
    }

    static final Map<String, List<String>> BADGES = Map.of(
            "chen.hao", List.of("TOP_CONTRIBUTOR", "CASE_SHARER", "CUSTOMER_VOICE"),
            "wang.jing", List.of("FAST_RESPONDER"),
            "li.na", List.of("CUSTOMER_VOICE"),
            "zhang.wei", List.of("CASE_SHARER"));

    static final Map<String, Integer> STREAKS = Map.of("chen.hao", 3, "wang.jing", 6, "li.na", 1, "zhang.wei", 8,
            "zhou.min", 1, "wu.fang", 12, "ma.li", 1, "sun.hao", 2, "liu.yang", 0, "zhao.lei", 0);

    static Scoring.MemberScore score(int rank, String user, int points, Map<String, Integer> kinds,
            Map<String, Integer> rules) {
        return new Scoring.MemberScore(rank, user, points, BADGES.getOrDefault(user, List.of()), kinds, rules,
                STREAKS.get(user));
    }

    /** Section 6 of the hand calculation: the org board, rank by rank. */
    static final List<Scoring.MemberScore> ORG = List.of(
            score(1, "chen.hao", 63, kinds(16, 14, 6, 2, 12, 6, 13, 0, 0, -6), rules("DAILY_CAP", 2,
                    "REACTION_LIMIT", 1)),
            score(2, "wang.jing", 47, kinds(11, 4, 15, 8, 0, 0, 9, 0, 0, 0), rules("REACTION_LIMIT", 1)),
            score(3, "li.na", 37, kinds(8, 6, 3, 0, 0, 10, 10, 0, 0, 0), rules("REACTION_LIMIT", 1)),
            score(4, "zhang.wei", 31, kinds(6, 4, 3, 0, 9, 0, 9, 0, 0, 0), rules("REACTION_LIMIT", 1,
                    "SELF_REACTION", 1)),
            score(5, "zhou.min", 24, kinds(5, 2, 9, 4, 0, 0, 4, 0, 0, 0), rules("COOLDOWN", 2, "DUPLICATE", 2)),
            score(6, "wu.fang", 23, kinds(6, 4, 6, 4, 0, 0, 3, 0, 0, 0), rules("SELF_REACTION", 2, "SELF_REPLY", 1)),
            score(7, "ma.li", 11, kinds(6, 5, 0, 0, 0, 0, 0, 0, 0, 0), rules()),
            score(8, "sun.hao", 11, kinds(5, 2, 3, 2, 0, 0, 6, -5, -2, 0), rules("TOO_SHORT", 3)),
            score(9, "liu.yang", 9, kinds(3, 1, 3, 2, 0, 0, 0, 0, 0, 0), rules("RECIPROCAL", 6)),
            score(10, "zhao.lei", 9, kinds(5, 4, 0, 0, 0, 0, 0, 0, 0, 0), rules("RECIPROCAL", 5)));

    /** Section 8: each group's board (rules as they fired in that group, section 9). */
    static final Map<String, List<Scoring.MemberScore>> GROUP_BOARDS = Map.of(
            EAST, List.of(
                    score(1, "wang.jing", 33, kinds(8, 4, 9, 4, 0, 0, 8, 0, 0, 0), rules("REACTION_LIMIT", 1)),
                    score(2, "zhang.wei", 31, kinds(6, 4, 3, 0, 9, 0, 9, 0, 0, 0), rules("REACTION_LIMIT", 1,
                            "SELF_REACTION", 1)),
                    score(3, "chen.hao", 24, kinds(5, 4, 3, 2, 6, 2, 6, 0, 0, -4), rules("DAILY_CAP", 1)),
                    score(4, "wu.fang", 23, kinds(6, 4, 6, 4, 0, 0, 3, 0, 0, 0), rules("SELF_REACTION", 2,
                            "SELF_REPLY", 1)),
                    score(5, "sun.hao", 12, kinds(2, 1, 3, 2, 0, 0, 4, 0, 0, 0), rules("TOO_SHORT", 3)),
                    score(6, "ma.li", 11, kinds(6, 5, 0, 0, 0, 0, 0, 0, 0, 0), rules()),
                    score(7, "zhou.min", 10, kinds(3, 2, 3, 0, 0, 0, 2, 0, 0, 0), rules("COOLDOWN", 2,
                            "DUPLICATE", 1)),
                    score(8, "li.na", 5, kinds(1, 1, 0, 0, 0, 2, 1, 0, 0, 0), rules())),
            KEY, List.of(
                    score(1, "chen.hao", 39, kinds(11, 10, 3, 0, 6, 4, 7, 0, 0, -2), rules("DAILY_CAP", 1,
                            "REACTION_LIMIT", 1)),
                    score(2, "li.na", 32, kinds(7, 5, 3, 0, 0, 8, 9, 0, 0, 0), rules("REACTION_LIMIT", 1)),
                    score(3, "wang.jing", 14, kinds(3, 0, 6, 4, 0, 0, 1, 0, 0, 0), rules()),
                    score(4, "zhou.min", 14, kinds(2, 0, 6, 4, 0, 0, 2, 0, 0, 0), rules("DUPLICATE", 1)),
                    score(5, "liu.yang", 9, kinds(3, 1, 3, 2, 0, 0, 0, 0, 0, 0), rules("RECIPROCAL", 6)),
                    score(6, "zhao.lei", 9, kinds(5, 4, 0, 0, 0, 0, 0, 0, 0, 0), rules("RECIPROCAL", 5)),
                    score(7, "sun.hao", -1, kinds(3, 1, 0, 0, 0, 0, 2, -5, -2, 0), rules())));

    static Map<String, Scoring.MemberScore> byUser(List<Scoring.MemberScore> scores) {
        return scores.stream().collect(Collectors.toMap(Scoring.MemberScore::userId, Function.identity()));
    }

    // ---------------------------------------------------------------- the fixture itself

    @Test
    void theFixtureIsOneSalesWeekOfTwoGroups() {
        List<Row> rows = rows();
        Instant start = at("2026-11-23 00:00:00");
        Instant end = at("2026-11-30 00:00:00");
        List<Row> week = rows.stream().filter(r -> !r.at().isBefore(start) && r.at().isBefore(end)).toList();
        assertAll(
                () -> assertEquals(103, rows.size(), "rows"),
                () -> assertEquals(99, week.size(), "rows in the week"),
                () -> assertEquals(List.of("x01", "x02", "x03", "x04"), rows.stream().filter(r -> !week.contains(r))
                        .map(Row::messageId).toList()),
                () -> assertEquals(49, week.stream().filter(r -> r.group().equals(EAST)).count(), EAST),
                () -> assertEquals(50, week.stream().filter(r -> r.group().equals(KEY)).count(), KEY),
                () -> assertEquals(103, rows.stream().map(Row::messageId).distinct().count(), "unique ids"),
                () -> assertEquals(List.of("m011"), rows.stream().filter(r -> r.flags().contains("removed"))
                        .map(Row::messageId).toList()),
                () -> assertEquals(List.of("m077"), rows.stream().filter(r -> r.flags().contains("deleted"))
                        .map(Row::messageId).toList()),
                () -> assertTrue(rows.stream().allMatch(r -> GROUPS.containsKey(r.group())), "known groups"),
                () -> assertTrue(rows.stream().allMatch(r -> MEMBERS.contains(r.userId())), "authors are members"),
                () -> assertTrue(rows.stream().allMatch(r -> MEMBERS.containsAll(r.reactors())), "reactors"),
                () -> assertEquals(Set.copyOf(MEMBERS), week.stream().map(Row::userId).collect(Collectors.toSet())));
    }

    @Test
    void theBoardIsForTheMondayOfTheWeek() {
        assertEquals(MONDAY, board().week());
    }

    @Test
    void rowsOutsideTheWeekChangeNothing() {
        List<Row> rows = rows();
        List<Row> week = rows.stream().filter(r -> !r.messageId().startsWith("x")).toList();
        assertEquals(board(groups(week)), board(groups(rows)));
    }

    // ---------------------------------------------------------------- the org board

    @Test
    void everyMembersScoreAsWorkedOutByHand() {
        Map<String, Scoring.MemberScore> actual = byUser(board().org());
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(MEMBERS.size(), actual.size(), "members on the board"));
        for (Scoring.MemberScore e : ORG) {
            Scoring.MemberScore a = actual.get(e.userId());
            checks.add(() -> assertNotNull(a, e.userId()));
            if (a == null) {
                continue;
            }
            checks.add(() -> assertEquals(e.points(), a.points(), e.userId() + " points"));
            checks.add(() -> assertEquals(e.breakdown(), a.breakdown(), e.userId() + " breakdown"));
            checks.add(() -> assertEquals(e.rules(), a.rules(), e.userId() + " rules"));
            checks.add(() -> assertEquals(e.badges(), a.badges(), e.userId() + " badges"));
            checks.add(() -> assertEquals(e.streak(), a.streak(), e.userId() + " streak"));
            checks.add(() -> assertEquals(e.rank(), a.rank(), e.userId() + " rank"));
        }
        assertAll(checks);
    }

    @Test
    void theOrgBoardIsExactlyTheHandCalculation() {
        assertEquals(ORG, board().org());
    }

    @Test
    void theHandCalculationAddsUp() {
        for (Scoring.MemberScore e : ORG) {
            assertEquals(e.points(), e.breakdown().values().stream().mapToInt(Integer::intValue).sum(), e.userId());
        }
        assertEquals(265, ORG.stream().mapToInt(Scoring.MemberScore::points).sum());
        for (Scoring.MemberScore e : ORG) {
            int inGroups = GROUP_BOARDS.values().stream().flatMap(List::stream)
                    .filter(s -> s.userId().equals(e.userId())).mapToInt(Scoring.MemberScore::points).sum();
            assertEquals(e.points(), inGroups, e.userId() + ": org points are the sum of the group points");
        }
    }

    @Test
    void tiesAreBrokenByFewerRemovalsThenById() {
        List<String> order = board().org().stream().map(Scoring.MemberScore::userId).toList();
        assertAll(
                () -> assertEquals(List.of("chen.hao", "wang.jing", "li.na", "zhang.wei", "zhou.min", "wu.fang",
                        "ma.li", "sun.hao", "liu.yang", "zhao.lei"), order),
                // ma.li 11 and sun.hao 11: sun.hao has a removal (−5), so ma.li goes first.
                () -> assertTrue(order.indexOf("ma.li") < order.indexOf("sun.hao"), "fewer removals first"),
                // liu.yang 9 and zhao.lei 9, no removals: by id.
                () -> assertTrue(order.indexOf("liu.yang") < order.indexOf("zhao.lei"), "then by id"),
                () -> assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
                        board().org().stream().map(Scoring.MemberScore::rank).toList()));
    }

    @Test
    void everyAntiGamingRuleFiresAtLeastOnce() {
        Set<String> fired = new TreeSet<>();
        board().org().forEach(s -> fired.addAll(s.rules().keySet()));
        assertEquals(new TreeSet<>(RULES), fired);
        Map<String, Integer> totals = new LinkedHashMap<>();
        board().org().forEach(s -> s.rules().forEach((rule, n) -> totals.merge(rule, n, Integer::sum)));
        assertEquals(Map.of("TOO_SHORT", 3, "DUPLICATE", 2, "SELF_REPLY", 1, "COOLDOWN", 2, "DAILY_CAP", 2,
                "RECIPROCAL", 11, "REACTION_LIMIT", 4, "SELF_REACTION", 3), totals);
    }

    @Test
    void badgesAndStreaks() {
        Map<String, Scoring.MemberScore> actual = byUser(board().org());
        assertAll(
                () -> assertEquals(List.of("TOP_CONTRIBUTOR", "CASE_SHARER", "CUSTOMER_VOICE"),
                        actual.get("chen.hao").badges()),
                () -> assertEquals(List.of("FAST_RESPONDER"), actual.get("wang.jing").badges(), "4 fast answers"),
                () -> assertEquals(List.of("CUSTOMER_VOICE"), actual.get("li.na").badges(), "5 feedback"),
                () -> assertEquals(List.of("CASE_SHARER"), actual.get("zhang.wei").badges(), "3 cases"),
                () -> assertEquals(6, actual.get("wang.jing").streak(), "5 + 1"),
                () -> assertEquals(12, actual.get("wu.fang").streak(), "11 + 1"),
                () -> assertEquals(1, actual.get("li.na").streak(), "not in the map: 0 + 1"),
                () -> assertEquals(0, actual.get("zhao.lei").streak(), "9 points: the streak of 3 is broken"),
                () -> assertTrue(actual.values().stream().noneMatch(s -> s.userId().equals("he.xue")),
                        "he.xue has a previous streak but wrote nothing this week"));
    }

    // ---------------------------------------------------------------- group boards

    @Test
    void eachGroupsLeaderboard() {
        Scoring.Board b = board();
        assertEquals(Set.of(EAST, KEY), b.groups().keySet());
        List<Executable> checks = new ArrayList<>();
        for (String g : List.of(EAST, KEY)) {
            List<Scoring.MemberScore> expected = GROUP_BOARDS.get(g);
            List<Scoring.MemberScore> actual = b.groups().get(g);
            checks.add(() -> assertEquals(expected.stream().map(Scoring.MemberScore::userId).toList(),
                    actual.stream().map(Scoring.MemberScore::userId).toList(), g + " order"));
            checks.add(() -> assertEquals(expected.stream().map(Scoring.MemberScore::points).toList(),
                    actual.stream().map(Scoring.MemberScore::points).toList(), g + " points"));
            checks.add(() -> assertEquals(expected.stream().map(Scoring.MemberScore::rank).toList(),
                    actual.stream().map(Scoring.MemberScore::rank).toList(), g + " ranks"));
            Map<String, Scoring.MemberScore> byUser = byUser(actual);
            for (Scoring.MemberScore e : expected) {
                Scoring.MemberScore a = byUser.get(e.userId());
                if (a == null) {
                    continue;
                }
                checks.add(() -> assertEquals(e.breakdown(), a.breakdown(), g + " " + e.userId() + " breakdown"));
                checks.add(() -> assertEquals(e.badges(), a.badges(), g + " " + e.userId() + " badges (the org's)"));
                checks.add(() -> assertEquals(e.streak(), a.streak(), g + " " + e.userId() + " streak (the org's)"));
            }
        }
        assertAll(checks);
    }

    /**
     * {@code MemberScore.rules} is "how often each anti-gaming rule fired"; on a group's board that is how often it
     * fired on the member's messages in that group (the group breakdown already carries, for instance, the group's
     * share of the daily-cap cut). Hand calculation, section 9.
     */
    @Test
    void eachGroupsLeaderboardCountsTheRulesThatFiredInIt() {
        Scoring.Board b = board();
        List<Executable> checks = new ArrayList<>();
        for (String g : List.of(EAST, KEY)) {
            Map<String, Scoring.MemberScore> byUser = byUser(b.groups().get(g));
            for (Scoring.MemberScore e : GROUP_BOARDS.get(g)) {
                checks.add(() -> assertEquals(e.rules(), byUser.get(e.userId()).rules(),
                        g + " " + e.userId() + " rules"));
            }
        }
        assertAll(checks);
    }

    // ---------------------------------------------------------------- answer times

    /** Section 4: each question, its first scoring answer and the working time between them. */
    static Stream<Arguments> answers() {
        return Stream.of(
                Arguments.of("m003", "m004", 7, true),
                Arguments.of("m012", "m013", 75, false),
                Arguments.of("m016", "m018", 48, false),
                Arguments.of("m025", "m026", 10, true),   // Mon 20:30 → Tue 09:10
                Arguments.of("m028", "m029", 5, true),
                Arguments.of("m032", "m033", 20, true),
                Arguments.of("m036", "m037", 10, true),
                Arguments.of("m039", "m040", 15, true),
                Arguments.of("m045", "m046", 18, true),
                Arguments.of("m047", "m048", 45, false),  // asked 08:50, the clock starts at 09:00
                Arguments.of("m052", "m053", 15, true),
                Arguments.of("m057", "m058", 40, false),
                Arguments.of("m067", "m068", 15, true),
                Arguments.of("m073", "m074", 75, false),
                Arguments.of("m076", "m079", 25, true),   // Thu 18:50 → Fri 09:15: 10 + 15
                Arguments.of("m083", "m084", 20, true),
                Arguments.of("m089", "m090", 10, true),
                Arguments.of("m095", "m096", 0, true));   // Saturday
    }

    @ParameterizedTest(name = "{0} → {1}: {2} working minutes")
    @MethodSource("answers")
    void eachAnswerWaitedTheWorkingTimeOfTheHandCalculation(String question, String answer, int minutes,
            boolean fast) {
        Map<String, Row> byId = new LinkedHashMap<>();
        rows().forEach(r -> byId.put(r.messageId(), r));
        Row q = byId.get(question);
        Row a = byId.get(answer);
        assertEquals(question, a.replyTo());
        assertTrue(MessageHints.of(q.text(), TopicTag.of(q.text(), TopicTag.DEFAULT_TAGS), q.mentions()).question(),
                question + " is a question");
        Duration wait = WorkingHours.weekdays(SHANGHAI).between(q.at(), a.at());
        assertEquals(Duration.ofMinutes(minutes), wait);
        assertEquals(fast, wait.compareTo(ScoreWeights.DEFAULT.sla()) <= 0);
    }

    // ---------------------------------------------------------------- order does not matter

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 42, 2026, 20261123})
    void shuffledMessagesAndGroupsGiveTheSameBoard(long seed) {
        Scoring.Board expected = board();
        Random random = new Random(seed);
        List<Scoring.GroupWeek> shuffled = new ArrayList<>();
        for (Scoring.GroupWeek g : groups(rows())) {
            List<KeptMessage> messages = new ArrayList<>(g.messages());
            Collections.shuffle(messages, random);
            shuffled.add(new Scoring.GroupWeek(g.groupId(), g.requiresTags(), messages));
        }
        Collections.shuffle(shuffled, random);
        assertEquals(expected, board(shuffled));
    }

    @Test
    void reversedMessagesGiveTheSameBoard() {
        Scoring.Board expected = board();
        List<Scoring.GroupWeek> reversed = new ArrayList<>();
        for (Scoring.GroupWeek g : groups(rows())) {
            List<KeptMessage> messages = new ArrayList<>(g.messages());
            Collections.reverse(messages);
            reversed.add(0, new Scoring.GroupWeek(g.groupId(), g.requiresTags(), messages));
        }
        assertEquals(expected, board(reversed));
    }
}
