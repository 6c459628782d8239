package io.headcount.scorereward;

import io.headcount.adapters.Json;
import io.headcount.adapters.Metrics;
import io.headcount.domain.Group;
import io.headcount.domain.Language;
import io.headcount.domain.Period;
import io.headcount.domain.Policy;
import io.headcount.domain.Recognition;
import io.headcount.domain.Scoring;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Scores an org's week from its messages, and the weekly job that records its awards once. */
@ApplicationScoped
class Scoreboards {
    private static final Logger LOG = Logger.getLogger("headcount.scores");
    /** Members named in the recognition text. */
    static final int RECOGNISED = 5;

    private final ScoreStore store;
    private final Clock clock = Clock.systemUTC();

    Scoreboards(ScoreStore store) {
        this.store = store;
    }

    Scoring.Board board(String org, LocalDate date) {
        return board(org, store.policy(org), date);
    }

    Scoring.Board board(String org, Policy policy, LocalDate date) {
        ZoneId zone = ZoneId.of(policy.timeZone());
        LocalDate monday = Period.WEEK.first(date);
        Instant start = Period.WEEK.start(monday, zone);
        Instant end = Period.WEEK.end(monday, zone);
        List<Scoring.GroupWeek> groups = new ArrayList<>();
        for (Group g : store.activeGroups(org)) {
            groups.add(new Scoring.GroupWeek(g.groupId(), policy.requireTags(),
                    store.messages(org, g.groupId(), start, end)));
        }
        Scoring.Input input = new Scoring.Input(monday, zone, policy.weights(), groups,
                store.streaksBefore(org, monday));
        long scoring = System.nanoTime();
        Scoring.Board board = Scoring.of(input);
        Metrics.millis("ScoringMillis", (System.nanoTime() - scoring) / 1_000_000.0);
        return board;
    }

    Language language(String org) {
        return store.policy(org).language();
    }

    LocalDate today(String org) {
        return LocalDate.now(clock.withZone(ZoneId.of(store.policy(org).timeZone())));
    }

    /**
     * The weekly run (Sunday evening): this week's board for every org, its streaks and recognition kept, and
     * one ledger entry per (member, award) — an entry written by an earlier run or retry is left as it is.
     */
    WeeklyReport runWeekly() {
        long started = System.nanoTime();
        List<String> orgs = new ArrayList<>();
        store.orgs(orgs::add);
        int written = 0;
        int kept = 0;
        List<WeeklyReport.Failure> failed = new ArrayList<>();
        for (String org : orgs) {
            try {
                Policy policy = store.policy(org);
                LocalDate today = LocalDate.now(clock.withZone(ZoneId.of(policy.timeZone())));
                Scoring.Board board = board(org, policy, today);
                Instant now = clock.instant();
                Map<String, Integer> streaks = new HashMap<>();
                for (Scoring.MemberScore s : board.org()) {
                    streaks.put(s.userId(), s.streak());
                    for (String award : s.badges()) {
                        if (store.award(org, board.week(), s.userId(), award, s.points(), now)) {
                            written++;
                        } else {
                            kept++;
                        }
                    }
                }
                Map<String, String> groups = new HashMap<>();
                board.groups().forEach((group, entries) -> groups.put(group, Recognition.text(entries,
                        board.week().toString(), policy.language(), RECOGNISED)));
                store.saveWeek(org, board.week(), streaks, Recognition.text(board.org(), board.week().toString(),
                        policy.language(), RECOGNISED), groups, now);
            } catch (RuntimeException e) {
                LOG.error(Json.write(Map.of("event", "scores-failed", "org", org, "error", e.getClass().getName())));
                failed.add(new WeeklyReport.Failure(org, e.getClass().getSimpleName()));
            }
        }
        WeeklyReport report = new WeeklyReport("weekly-scores", orgs.size(), written, kept, failed,
                (System.nanoTime() - started) / 1_000_000);
        Metrics.count("LedgerEntriesWritten", written);
        Metrics.count("ScoreFailures", failed.size());
        LOG.info(Json.write(report));
        return report;
    }
}
