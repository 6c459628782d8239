package io.headcount.scorereward;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.headcount.adapters.ApiError;
import io.headcount.adapters.ErrorCode;
import io.headcount.adapters.Gateway;
import io.headcount.adapters.Reply;
import io.headcount.adapters.Request;
import io.headcount.adapters.ScheduledHttpFunction;
import io.headcount.domain.Access;
import io.headcount.domain.Ids;
import io.headcount.domain.Recognition;
import io.headcount.domain.Role;
import io.headcount.domain.Scoring;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * score-reward: the weekly scores and awards (an EventBridge Scheduler event {@code {"schedule": "weekly-scores"}})
 * and leaderboards and personal scores through the API.
 */
@ApplicationScoped
public class ScoreRewardFunction extends ScheduledHttpFunction {
    public static final String NAME = "scoreReward";
    public static final String WEEKLY = "weekly-scores";
    static final String LEADERBOARD = "GET /orgs/{org}/leaderboard";
    static final String MEMBER_SCORE = "GET /orgs/{org}/members/{user}/score";

    private final Scoreboards scoreboards;

    ScoreRewardFunction(Gateway gateway, Scoreboards scoreboards, ObjectMapper mapper) {
        super(NAME, WEEKLY, scoreboards::runWeekly, gateway, mapper);
        this.scoreboards = scoreboards;
        routes(Map.of(LEADERBOARD, this::leaderboard, MEMBER_SCORE, this::memberScore));
    }

    /** One entry point for both event shapes: API Gateway HTTP (v2) requests and the scheduler's constant input. */
    @Funq(NAME)
    public Object scoreReward(Map<String, Object> event) {
        return dispatch(event);
    }

    /** The org's (or one group's) week, best first; {@code Accept: text/csv} gives the HR export (admins). */
    private Reply leaderboard(Request request) {
        String org = request.id("org");
        boolean csv = request.header("Accept").map(a -> a.contains("text/csv")).orElse(false);
        if (csv ? !Access.mayAdminister(request.caller(), org)
                : !Access.anyOf(request.caller(), org, Role.ADMIN, Role.GROUP_ADMIN, Role.MEMBER)) {
            throw ApiError.forbidden();
        }
        String group = request.query("group").map(g -> {
            if (!Ids.isValid(g)) {
                throw new ApiError(ErrorCode.INVALID_INPUT, "group must be a valid id");
            }
            return g;
        }).orElse(null);
        LocalDate date = date(request, org);
        Scoring.Board board = scoreboards.board(org, date);
        List<Scoring.MemberScore> entries = group == null ? board.org() : board.groups().getOrDefault(group, List.of());
        if (csv) {
            return Reply.text("text/csv; charset=utf-8", Leaderboard.csv(entries));
        }
        return Reply.ok(new Leaderboard("week", board.week().toString(), group, entries, Recognition.text(entries,
                board.week().toString(), scoreboards.language(org), Scoreboards.RECOGNISED)));
    }

    private Reply memberScore(Request request) {
        String org = request.id("org");
        String userId = request.id("user");
        if (!Access.mayReadMember(request.caller(), org, userId)) {
            throw ApiError.forbidden();
        }
        Scoring.Board board = scoreboards.board(org, date(request, org));
        Scoring.MemberScore score = board.org().stream().filter(s -> s.userId().equals(userId)).findFirst()
                .orElse(new Scoring.MemberScore(0, userId, 0, List.of(), Map.of(), Map.of(), 0));
        return Reply.ok(new MemberWeek("week", board.week().toString(), score));
    }

    /** One member's week: rank 0 when they scored nothing. */
    record MemberWeek(String period, String date, Scoring.MemberScore score) {
    }

    private LocalDate date(Request request, String org) {
        String period = request.query("period").orElse("week");
        if (!period.equals("week")) {
            throw new ApiError(ErrorCode.INVALID_INPUT, "period must be week");
        }
        return request.day("date", scoreboards.today(org));
    }
}
