package io.headcount.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A week's contribution scores: a pure function of the week's messages (any order gives the same board). Points
 * reward substance — tagged messages, answers to others' questions (more when fast), shared cases, customer
 * feedback, reactions from others — and each anti-gaming rule that takes points away is named in the member's
 * breakdown each time it fires.
 *
 * <p>Rules: {@code TOO_SHORT} (under 3 letters or digits), {@code DUPLICATE} (same author, same normalised text,
 * within 24 h), {@code SELF_REPLY}, {@code COOLDOWN} (one scoring message per 60 s), {@code DAILY_CAP},
 * {@code RECIPROCAL} (a pair replying mostly to each other keeps a quarter of those replies' points),
 * {@code REACTION_LIMIT} (reactions from at most 3 members count) and {@code SELF_REACTION}.
 */
public final class Scoring {

    private Scoring() {
    }

    /** One group's messages of the week, and whether its messages must open with a tag. */
    public record GroupWeek(String groupId, boolean requiresTags, List<KeptMessage> messages) {
    }

    public record Input(LocalDate date, ZoneId zone, ScoreWeights weights, List<GroupWeek> groups,
            Map<String, Integer> previousStreaks) {
    }

    /**
     * One member's week.
     *
     * @param breakdown points per kind of contribution (and the cuts of the daily cap), in a fixed order
     * @param rules     how often each anti-gaming rule fired
     * @param streak    weeks in a row, this one included, with at least {@link #STREAK_POINTS} points
     */
    public record MemberScore(int rank, String userId, int points, List<String> badges, Map<String, Integer> breakdown,
            Map<String, Integer> rules, int streak) {
    }

    public record Board(LocalDate week, List<MemberScore> org, Map<String, List<MemberScore>> groups) {
    }

    public static final int STREAK_POINTS = 10;
    public static final int TOP_CONTRIBUTOR_POINTS = 10;
    /** The kinds of a breakdown, in the order exports show them. */
    public static final List<String> KINDS = List.of("messages", "tagged", "answers", "fastAnswers", "cases", "feedback",
            "reactions", "removedByAdmin", "untagged", "dailyCap");
    private static final int MESSAGES = 0;
    private static final int TAGGED = 1;
    private static final int ANSWERS = 2;
    private static final int FAST_ANSWERS = 3;
    private static final int CASES = 4;
    private static final int FEEDBACK = 5;
    private static final int REACTIONS = 6;
    private static final int REMOVED = 7;
    private static final int UNTAGGED = 8;
    private static final int DAILY_CAP = 9;

    public static Board of(Input in) {
        ScoreWeights w = in.weights();
        LocalDate monday = Period.WEEK.first(in.date());
        Instant start = Period.WEEK.start(monday, in.zone());
        Instant end = Period.WEEK.end(monday, in.zone());
        WorkingHours hours = WorkingHours.weekdays(in.zone());

        List<Said> week = new ArrayList<>(in.groups().stream().mapToInt(g -> g.messages().size()).sum());
        // Authors of the messages someone replied to: the only per-message memory the rules need.
        Map<String, Map<String, String>> authors = new HashMap<>();
        for (GroupWeek g : in.groups()) {
            Map<String, String> inGroup = new HashMap<>();
            g.messages().forEach(m -> {
                if (m.replyTo() != null) {
                    inGroup.put(m.replyTo(), null);
                }
            });
            authors.put(g.groupId(), inGroup);
            for (KeptMessage m : g.messages()) {
                if (!m.at().isBefore(start) && m.at().isBefore(end)) {
                    week.add(new Said(g, m, m.at().toEpochMilli()));
                    inGroup.replace(m.messageId(), m.userId());
                }
            }
        }
        week.sort(Comparator.comparingLong(Said::millis).thenComparing(s -> s.m().messageId())
                .thenComparing(s -> s.g().groupId()));
        Set<String> reciprocal = reciprocalPairs(week, authors, w);

        Map<String, Tally> org = new HashMap<>();
        Map<String, Map<String, Tally>> byGroup = new HashMap<>();
        Map<String, Author> state = new HashMap<>();
        Map<String, Map<String, KeptMessage>> openQuestions = new HashMap<>();
        for (Said s : week) {
            KeptMessage m = s.m();
            Tally total = org.computeIfAbsent(m.userId(), Tally::new);
            Tally inGroup = byGroup.computeIfAbsent(s.g().groupId(), k -> new HashMap<>())
                    .computeIfAbsent(m.userId(), Tally::new);
            int[] points = score(s, authors, openQuestions, state, reciprocal, hours, in.zone(), w,
                    rule -> {
                        total.fire(rule);
                        inGroup.fire(rule);
                    });
            if (points != null) {
                total.add(points);
                inGroup.add(points);
            }
        }
        return board(monday, org, byGroup, in.previousStreaks());
    }

    private record Said(GroupWeek g, KeptMessage m, long millis) {
        /** The author of the message this one replies to, if it is one of the week's. */
        String repliedTo(Map<String, Map<String, String>> authors) {
            return m.replyTo() == null ? null : authors.get(g.groupId()).get(m.replyTo());
        }
    }

    /** What anti-gaming remembers of an author: bounded by one day of their messages, not by the week. */
    private static final class Author {
        Instant lastScoring;
        final Deque<Map.Entry<Instant, String>> recent = new ArrayDeque<>();
        final Map<String, Integer> recentTexts = new HashMap<>();
        /** The local day (days since the epoch) that {@code dayPoints} counts. */
        long day = Long.MIN_VALUE;
        int dayPoints;

        /** Whether the author wrote this text within the window; remembers it either way. */
        boolean repeats(String text, Instant at, Duration window) {
            while (!recent.isEmpty() && recent.peekFirst().getKey().isBefore(at.minus(window))) {
                recentTexts.computeIfPresent(recent.pollFirst().getValue(), (t, n) -> n == 1 ? null : n - 1);
            }
            boolean seen = recentTexts.containsKey(text);
            recent.addLast(Map.entry(at, text));
            recentTexts.merge(text, 1, Integer::sum);
            return seen;
        }
    }

    /** Points of one message by kind (null when none); rules that fire are counted on the author's tally. */
    private static int[] score(Said s, Map<String, Map<String, String>> authors,
            Map<String, Map<String, KeptMessage>> openQuestions,
            Map<String, Author> state, Set<String> reciprocal, WorkingHours hours, ZoneId zone, ScoreWeights w,
            Consumer<String> fired) {
        KeptMessage m = s.m();
        int[] points = new int[KINDS.size()];
        if (m.removedByAdmin()) {
            points[REMOVED] = w.removedByAdmin();
            return points;
        }
        String repliedTo = s.repliedTo(authors);
        Map<String, KeptMessage> open = openQuestions.computeIfAbsent(s.g().groupId(), k -> new HashMap<>());
        KeptMessage question = m.replyTo() == null ? null : open.get(m.replyTo());
        if (m.hints().question() && !m.deleted()) {
            open.put(m.messageId(), m);
        }
        if (m.deleted() || m.hints().courtesy()) {
            return null;
        }
        Author a = state.computeIfAbsent(m.userId(), k -> new Author());
        String text = normalised(m.text());
        if (text.codePointCount(0, text.length()) < w.minCharacters()) {
            fired.accept("TOO_SHORT");
            return null;
        }
        if (a.repeats(text, m.at(), w.duplicateWindow())) {
            fired.accept("DUPLICATE");
            return null;
        }
        if (m.userId().equals(repliedTo)) {
            fired.accept("SELF_REPLY");
            return null;
        }
        if (a.lastScoring != null && Duration.between(a.lastScoring, m.at()).compareTo(w.cooldown()) < 0) {
            fired.accept("COOLDOWN");
            return null;
        }
        points[MESSAGES] = w.message();
        if (m.tagKnown()) {
            points[TAGGED] = w.tagged();
        } else if (s.g().requiresTags() && m.needsTag()) {
            points[UNTAGGED] = w.untagged();
        }
        if (question != null && !question.userId().equals(m.userId())) {
            open.remove(m.replyTo());
            points[ANSWERS] = w.answer();
            if (hours.between(question.at(), m.at()).compareTo(w.sla()) <= 0) {
                points[FAST_ANSWERS] = w.fastAnswer();
            }
        }
        if (m.hints().caseShared()) {
            points[CASES] = w.caseShared();
        }
        if (m.hints().feedback()) {
            points[FEEDBACK] = w.feedback();
        }
        if (repliedTo != null && reciprocal.contains(pair(m.userId(), repliedTo))) {
            fired.accept("RECIPROCAL");
            for (int k = 0; k < points.length; k++) {
                points[k] = points[k] > 0 ? points[k] * w.reciprocalPercent() / 100 : points[k];
            }
        }
        int earned = 0;
        for (int p : points) {
            earned += Math.max(0, p);
        }
        if (earned > 0) {
            a.lastScoring = m.at();
        }
        long day = Math.floorDiv(s.millis() + zone.getRules().getOffset(m.at()).getTotalSeconds() * 1000L,
                86_400_000L);
        if (day != a.day) {
            a.day = day;
            a.dayPoints = 0;
        }
        int allowed = Math.max(0, w.dailyCap() - a.dayPoints);
        if (earned > allowed) {
            fired.accept("DAILY_CAP");
            points[DAILY_CAP] = allowed - earned;
            earned = allowed;
        }
        a.dayPoints += earned;
        if (earned > 0) {
            points[REACTIONS] = reactions(m, w, fired);
        }
        return points;
    }

    /** Reactions on a message that itself scored: from others only, at most {@code maxReactors} of them. */
    private static int reactions(KeptMessage m, ScoreWeights w, Consumer<String> fired) {
        if (m.reactors().contains(m.userId())) {
            fired.accept("SELF_REACTION");
        }
        long others = m.reactors().stream().filter(r -> !r.equals(m.userId())).count();
        if (others > w.maxReactors()) {
            fired.accept("REACTION_LIMIT");
        }
        return (int) Math.min(others, w.maxReactors()) * w.reaction();
    }

    /** Pairs of members whose replies go mostly to each other, both ways. */
    static Set<String> reciprocalPairs(List<Said> week, Map<String, Map<String, String>> authors, ScoreWeights w) {
        Map<String, Integer> repliesBy = new HashMap<>();
        Map<String, Map<String, Integer>> repliesTo = new HashMap<>();
        for (Said s : week) {
            String target = s.repliedTo(authors);
            if (target != null && !target.equals(s.m().userId()) && !s.m().removedByAdmin()) {
                repliesBy.merge(s.m().userId(), 1, Integer::sum);
                repliesTo.computeIfAbsent(s.m().userId(), k -> new HashMap<>()).merge(target, 1, Integer::sum);
            }
        }
        Set<String> pairs = new HashSet<>();
        repliesTo.forEach((a, targets) -> targets.forEach((b, n) -> {
            int back = repliesTo.getOrDefault(b, Map.of()).getOrDefault(a, 0);
            if (n >= w.reciprocalMinimum() && back >= w.reciprocalMinimum()
                    && n >= w.reciprocalShare() * repliesBy.get(a) && back >= w.reciprocalShare() * repliesBy.get(b)) {
                pairs.add(pair(a, b));
            }
        }));
        return pairs;
    }

    private static String pair(String a, String b) {
        return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
    }

    /** Letters and digits only, lower case: "报价单，在哪？" and "报价单在哪" are the same text. */
    static String normalised(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(out::appendCodePoint);
        return out.toString();
    }

    /** A member's points by kind and the rules that fired. */
    private static final class Tally {
        final String userId;
        final Map<String, Integer> kinds = new LinkedHashMap<>();
        final Map<String, Integer> counts = new HashMap<>();
        final Map<String, Integer> rules = new TreeMap<>();

        Tally(String userId) {
            this.userId = userId;
            KINDS.forEach(k -> kinds.put(k, 0));
        }

        void add(int[] points) {
            for (int k = 0; k < points.length; k++) {
                if (points[k] != 0) {
                    kinds.merge(KINDS.get(k), points[k], Integer::sum);
                    if (points[k] > 0) {
                        counts.merge(KINDS.get(k), 1, Integer::sum);
                    }
                }
            }
        }

        void fire(String rule) {
            rules.merge(rule, 1, Integer::sum);
        }

        int points() {
            return kinds.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static Board board(LocalDate monday, Map<String, Tally> org, Map<String, Map<String, Tally>> byGroup,
            Map<String, Integer> previousStreaks) {
        List<Tally> ranked = ranked(org.values());
        Map<String, List<String>> badges = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            Tally t = ranked.get(i);
            List<String> earned = new ArrayList<>();
            if (i == 0 && t.points() >= TOP_CONTRIBUTOR_POINTS) {
                earned.add(Badge.TOP_CONTRIBUTOR.name());
            }
            for (Badge b : List.of(Badge.FAST_RESPONDER, Badge.CASE_SHARER, Badge.CUSTOMER_VOICE)) {
                if (b.earnedBy(t.counts)) {
                    earned.add(b.name());
                }
            }
            badges.put(t.userId, earned);
        }
        Map<String, Integer> streaks = new HashMap<>();
        ranked.forEach(t -> streaks.put(t.userId, t.points() >= STREAK_POINTS
                ? previousStreaks.getOrDefault(t.userId, 0) + 1 : 0));
        Map<String, List<MemberScore>> groups = new TreeMap<>();
        byGroup.forEach((group, tallies) -> groups.put(group, scores(ranked(tallies.values()), badges, streaks)));
        return new Board(monday, scores(ranked, badges, streaks), groups);
    }

    /** Most points first; ties go to the member with fewer removals, then by id, so the order never varies. */
    private static List<Tally> ranked(Collection<Tally> tallies) {
        return tallies.stream().sorted(Comparator.comparingInt((Tally t) -> -t.points())
                .thenComparingInt(t -> -t.kinds.get("removedByAdmin"))
                .thenComparing(t -> t.userId)).toList();
    }

    private static List<MemberScore> scores(List<Tally> ranked, Map<String, List<String>> badges,
            Map<String, Integer> streaks) {
        List<MemberScore> out = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Tally t = ranked.get(i);
            out.add(new MemberScore(i + 1, t.userId, t.points(), badges.getOrDefault(t.userId, List.of()),
                    Map.copyOf(t.kinds), Map.copyOf(t.rules), streaks.getOrDefault(t.userId, 0)));
        }
        return out;
    }

    /** Badges and their written criteria (README). */
    public enum Badge {
        /** The week's most points in the org, at least {@link #TOP_CONTRIBUTOR_POINTS}. */
        TOP_CONTRIBUTOR,
        /** At least 3 answers within the SLA. */
        FAST_RESPONDER,
        /** At least 2 shared cases that scored. */
        CASE_SHARER,
        /** At least 3 customer feedback messages that scored. */
        CUSTOMER_VOICE;

        /** By how many times each kind of contribution scored (TOP_CONTRIBUTOR is decided by rank). */
        boolean earnedBy(Map<String, Integer> counts) {
            return switch (this) {
                case FAST_RESPONDER -> counts.getOrDefault("fastAnswers", 0) >= 3;
                case CASE_SHARER -> counts.getOrDefault("cases", 0) >= 2;
                case CUSTOMER_VOICE -> counts.getOrDefault("feedback", 0) >= 3;
                case TOP_CONTRIBUTOR -> false;
            };
        }
    }
}
