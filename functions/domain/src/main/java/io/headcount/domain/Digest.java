package io.headcount.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What happened in one group in one period and what is stuck: a pure function of the period's messages, the group's
 * members and size limits, and the working hours. The same messages in any order give the same digest.
 *
 * @param members         seated members when the digest is made
 * @param participation   active members / members, 3 decimals
 * @param untaggedShare   of the messages that open a conversation (not replies, not courtesies), those without one
 *                        of the org's tags, 3 decimals
 * @param silentMembers   members who wrote nothing in the period (shown to admins only)
 * @param removedByAdmin  messages an admin removed: not counted anywhere else
 */
public record Digest(
        String groupId,
        Period period,
        LocalDate date,
        int messages,
        int activeMembers,
        int members,
        double participation,
        double messagesPerMember,
        Map<String, Integer> tags,
        int untagged,
        double untaggedShare,
        Questions questions,
        FirstResponse firstResponse,
        List<Item> keyMessages,
        List<Task> tasks,
        List<Item> feedback,
        List<Item> cases,
        List<String> silentMembers,
        Overload overload,
        Health health,
        List<Topic> topics,
        int removedByAdmin) {

    public static final int MAX_TOPICS = 6;
    public static final int MAX_KEY_MESSAGES = 5;
    /** A key message earns at least this much: reactions from others, plus 2 per reply. */
    public static final int KEY_MESSAGE_MIN_SCORE = 3;
    /** More messages than this per active member per day is an overloaded group. */
    public static final int BUSY_MESSAGES_PER_MEMBER_DAY = 30;

    public record Questions(int asked, int answered, List<OpenQuestion> open) {
    }

    public record OpenQuestion(String messageId, String userId, Instant at) {
    }

    /** Working-hour seconds from a question to its first answer, nearest-rank percentiles; null without answers. */
    public record FirstResponse(Long medianSeconds, Long p90Seconds, int answered) {
    }

    public record Item(String messageId, String userId, Instant at, String excerpt) {
    }

    public record Task(String messageId, String userId, Instant at, List<String> owners, String excerpt) {
    }

    public record Overload(boolean flagged, List<String> reasons) {
    }

    /** 0–100: four parts of 25 (answers are 15 for answering and 10 for speed); change against the last period. */
    public record Health(int score, Map<String, Integer> parts, Integer change) {
    }

    public record Topic(String word, int messages) {
    }

    /** What a digest is made from. {@code messages} may hold any messages: those outside the period are ignored. */
    public record Input(String groupId, Period period, LocalDate date, int cap, int minSize, List<String> members,
            List<KeptMessage> messages, Integer previousScore) {
    }

    public static Digest of(Input in, WorkingHours hours, Segmenter segmenter, List<String> stopWords) {
        Instant start = in.period().start(in.date(), hours.zone());
        Instant end = in.period().end(in.date(), hours.zone());
        List<KeptMessage> all = in.messages().stream()
                .filter(m -> !m.at().isBefore(start) && m.at().isBefore(end))
                .sorted(Comparator.comparing(KeptMessage::at).thenComparing(KeptMessage::messageId))
                .toList();
        List<KeptMessage> said = all.stream().filter(m -> !m.removedByAdmin()).toList();

        Set<String> authors = new TreeSet<>();
        said.forEach(m -> authors.add(m.userId()));
        int members = in.members().size();
        // Someone who wrote and left since is active but no longer seated: the share stays at most 1.
        double participation = members == 0 ? 0 : round3(Math.min(1.0, (double) authors.size() / members));
        double perMember = authors.isEmpty() ? 0 : round3((double) said.size() / authors.size());

        Map<String, Integer> tagCounts = new TreeMap<>();
        said.stream().filter(KeptMessage::tagKnown).forEach(m -> tagCounts.merge(m.tag(), 1, Integer::sum));
        Map<String, Integer> tags = new LinkedHashMap<>();
        tagCounts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> tags.put(e.getKey(), e.getValue()));
        List<KeptMessage> opening = said.stream().filter(KeptMessage::needsTag).toList();
        int untagged = (int) opening.stream().filter(m -> !m.tagKnown()).count();
        double untaggedShare = opening.isEmpty() ? 0 : round3((double) untagged / opening.size());

        Answers answers = Answers.of(said, hours);
        List<Item> feedback = items(said, m -> m.hints().feedback());
        List<Item> cases = items(said, m -> m.hints().caseShared());
        List<Task> tasks = said.stream().filter(m -> !m.hints().taskOwners().isEmpty() && !m.deleted())
                .map(m -> new Task(m.messageId(), m.userId(), m.at(), m.hints().taskOwners(), excerpt(m)))
                .toList();
        List<String> silent = in.members().stream().filter(u -> !authors.contains(u)).sorted().toList();

        List<String> reasons = new ArrayList<>();
        if (members > in.cap()) {
            reasons.add("OVER_CAP");
        }
        if (perMember > (double) BUSY_MESSAGES_PER_MEMBER_DAY * in.period().days()) {
            reasons.add("TOO_MANY_MESSAGES_PER_MEMBER");
        }
        Health health = health(participation, answers, untaggedShare, opening.isEmpty(), members, in.cap(),
                in.minSize(), in.previousScore());
        return new Digest(in.groupId(), in.period(), in.period().first(in.date()), said.size(), authors.size(),
                members, participation, perMember, tags, untagged, untaggedShare,
                new Questions(answers.asked(), answers.answered(), answers.open()), answers.firstResponse(),
                keyMessages(said), tasks, feedback, cases, silent, new Overload(!reasons.isEmpty(), reasons), health,
                topics(said, segmenter, stopWords), all.size() - said.size());
    }

    /** Splits text into words; Chinese needs a real segmenter, which the caller provides. */
    @FunctionalInterface
    public interface Segmenter {
        List<String> words(String text);
    }

    static Health health(double participation, Answers answers, double untaggedShare, boolean nothingToTag,
            int members, int cap, int minSize, Integer previous) {
        Map<String, Integer> parts = new LinkedHashMap<>();
        parts.put("participation", (int) Math.round(25 * Math.min(1.0, participation / 0.6)));
        parts.put("answers", answers.asked() == 0 ? 15
                : (int) Math.round(15.0 * answers.answered() / answers.asked()));
        Long median = answers.firstResponse().medianSeconds();
        int speed;
        if (median == null) {
            speed = answers.asked() == 0 ? 10 : 0;
        } else if (median <= FAST_SECONDS) {
            speed = 10;
        } else if (median >= SLOW_SECONDS) {
            speed = 0;
        } else {
            speed = (int) Math.round(10.0 * (SLOW_SECONDS - median) / (SLOW_SECONDS - FAST_SECONDS));
        }
        parts.put("speed", speed);
        parts.put("topics", nothingToTag ? 25 : (int) Math.round(25 * (1 - untaggedShare)));
        int size;
        if (members > cap) {
            size = (int) Math.round(25.0 * cap / members);
        } else if (members < minSize) {
            size = (int) Math.round(25.0 * members / minSize);
        } else {
            size = 25;
        }
        parts.put("size", size);
        int score = parts.values().stream().mapToInt(Integer::intValue).sum();
        return new Health(score, parts, previous == null ? null : score - previous);
    }

    /** A median first response of 30 working minutes or less is full marks; 4 hours or more is none. */
    static final long FAST_SECONDS = 30 * 60;
    static final long SLOW_SECONDS = 4 * 60 * 60;

    /**
     * Questions and their first answers. An answer is a later message by someone else that replies to the
     * question or @mentions its asker, and is not a mere courtesy; response time counts working hours only.
     */
    record Answers(int asked, int answered, List<OpenQuestion> open, FirstResponse firstResponse) {

        static Answers of(List<KeptMessage> said, WorkingHours hours) {
            // Indexes instead of a scan per question: a busy day has thousands of both.
            Map<String, List<KeptMessage>> repliesTo = new HashMap<>();
            Map<String, List<KeptMessage>> mentioning = new HashMap<>();
            for (KeptMessage m : said) {
                if (m.hints().courtesy()) {
                    continue;
                }
                if (m.replyTo() != null) {
                    repliesTo.computeIfAbsent(m.replyTo(), k -> new ArrayList<>()).add(m);
                }
                for (String mentioned : new TreeSet<>(m.mentions())) {
                    mentioning.computeIfAbsent(mentioned, k -> new ArrayList<>()).add(m);
                }
            }
            List<KeptMessage> questions = said.stream().filter(m -> m.hints().question() && !m.deleted()).toList();
            List<OpenQuestion> open = new ArrayList<>();
            List<Long> waits = new ArrayList<>();
            for (KeptMessage q : questions) {
                Optional<KeptMessage> answer = Stream.of(
                                firstAnswer(repliesTo.getOrDefault(q.messageId(), List.of()), q),
                                firstAnswer(mentioning.getOrDefault(q.userId(), List.of()), q))
                        .flatMap(Optional::stream)
                        .min(Comparator.comparing(KeptMessage::at).thenComparing(KeptMessage::messageId));
                if (answer.isPresent()) {
                    waits.add(hours.between(q.at(), answer.get().at()).getSeconds());
                } else {
                    open.add(new OpenQuestion(q.messageId(), q.userId(), q.at()));
                }
            }
            waits.sort(Comparator.naturalOrder());
            FirstResponse response = waits.isEmpty() ? new FirstResponse(null, null, 0)
                    : new FirstResponse(rank(waits, 0.5), rank(waits, 0.9), waits.size());
            return new Answers(questions.size(), waits.size(), open, response);
        }

        /** The first of {@code candidates} (in time order) after the question, by someone else. */
        private static Optional<KeptMessage> firstAnswer(List<KeptMessage> candidates, KeptMessage q) {
            int from = Collections.binarySearch(candidates, q,
                    Comparator.comparing(KeptMessage::at).thenComparing(KeptMessage::messageId));
            from = from < 0 ? -from - 1 : from + 1;
            for (int i = from; i < candidates.size(); i++) {
                KeptMessage m = candidates.get(i);
                if (m.at().isAfter(q.at()) && !m.userId().equals(q.userId())) {
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        }

        /** Nearest rank: the smallest value with at least {@code p} of the values at or below it. */
        static long rank(List<Long> sorted, double p) {
            int index = (int) Math.ceil(p * sorted.size()) - 1;
            return sorted.get(Math.max(0, index));
        }
    }

    static List<Item> keyMessages(List<KeptMessage> said) {
        Map<String, Integer> replies = new HashMap<>();
        said.forEach(m -> {
            if (m.replyTo() != null) {
                replies.merge(m.replyTo(), 1, Integer::sum);
            }
        });
        record Scored(KeptMessage message, int score) {
        }
        return said.stream().filter(m -> !m.deleted())
                .map(m -> new Scored(m, (int) m.reactors().stream().filter(r -> !r.equals(m.userId())).count()
                        + 2 * replies.getOrDefault(m.messageId(), 0)))
                .filter(s -> s.score() >= KEY_MESSAGE_MIN_SCORE)
                .sorted(Comparator.comparingInt(Scored::score).reversed()
                        .thenComparing(s -> s.message().at()).thenComparing(s -> s.message().messageId()))
                .limit(MAX_KEY_MESSAGES)
                .map(s -> item(s.message()))
                .toList();
    }

    /**
     * Words that most messages share: each message counts once per word; a topic needs two messages. Tags,
     * stop words, single characters and numbers are not topics.
     */
    static List<Topic> topics(List<KeptMessage> said, Segmenter segmenter, List<String> stopWords) {
        Set<String> stop = new HashSet<>(stopWords);
        Map<String, Integer> counts = new HashMap<>();
        for (KeptMessage m : said) {
            if (m.text() == null || m.hints().courtesy()) {
                continue;
            }
            String body = m.tag() == null ? m.text() : m.text().replace(m.tag(), " ");
            Set<String> words = new TreeSet<>();
            for (String w : segmenter.words(body)) {
                String word = w.strip().toLowerCase(Locale.ROOT);
                if (word.codePointCount(0, word.length()) >= 2 && !stop.contains(word)
                        && word.codePoints().anyMatch(Character::isLetter)) {
                    words.add(word);
                }
            }
            words.forEach(w -> counts.merge(w, 1, Integer::sum));
        }
        return counts.entrySet().stream().filter(e -> e.getValue() >= 2)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(MAX_TOPICS)
                .map(e -> new Topic(e.getKey(), e.getValue()))
                .toList();
    }

    private static List<Item> items(List<KeptMessage> said, Predicate<KeptMessage> which) {
        return said.stream().filter(m -> !m.deleted()).filter(which).map(Digest::item).toList();
    }

    private static Item item(KeptMessage m) {
        return new Item(m.messageId(), m.userId(), m.at(), excerpt(m));
    }

    /** The first 80 characters of a message's text: enough to recognise it, the rest is one click away. */
    static String excerpt(KeptMessage m) {
        if (m.text() == null) {
            return null;
        }
        String text = m.text().strip().replaceAll("\\s+", " ");
        return text.codePointCount(0, text.length()) <= 80 ? text
                : text.substring(0, text.offsetByCodePoints(0, 80)) + "…";
    }

    static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
