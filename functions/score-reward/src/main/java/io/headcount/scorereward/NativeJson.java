package io.headcount.scorereward;

import io.headcount.domain.Scoring;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * score-reward's JSON types, registered for reflection so Jackson may bind them in a native image too (the error
 * body and the API Gateway event are registered by the adapters): leaderboards, a member's week, and the weekly
 * run's report, which Funqy writes. Scoring.MemberScore is listed here because functions/domain stays free of
 * Quarkus. infra/native-check derives the list from the code and checks the native build registers every one.
 */
@RegisterForReflection(targets = {Scoring.MemberScore.class, Leaderboard.class, ScoreRewardFunction.MemberWeek.class,
        WeeklyReport.class})
final class NativeJson {
    private NativeJson() {
    }
}
