package io.headcount.summarize;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.headcount.adapters.ApiError;
import io.headcount.adapters.ErrorCode;
import io.headcount.adapters.Gateway;
import io.headcount.adapters.Reply;
import io.headcount.adapters.Request;
import io.headcount.adapters.ScheduledHttpFunction;
import io.headcount.domain.Access;
import io.headcount.domain.Group;
import io.headcount.domain.Ids;
import io.headcount.domain.Period;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.Map;

/**
 * summarize: the daily digest of every group (an EventBridge Scheduler event {@code {"schedule": "daily-digest"}})
 * and digests on demand through the API.
 */
@ApplicationScoped
public class SummarizeFunction extends ScheduledHttpFunction {
    public static final String NAME = "summarize";
    public static final String DAILY = "daily-digest";
    static final String GROUP_SUMMARY = "GET /orgs/{org}/groups/{group}/summary";
    static final String ORG_SUMMARY = "GET /orgs/{org}/summary";

    private final Digests digests;
    private final DigestStore store;

    SummarizeFunction(Gateway gateway, Digests digests, DigestStore store, ObjectMapper mapper) {
        super(NAME, DAILY, digests::runDaily, gateway, mapper);
        this.digests = digests;
        this.store = store;
        routes(Map.of(GROUP_SUMMARY, this::groupSummary, ORG_SUMMARY, this::orgSummary));
    }

    /** One entry point for both event shapes: API Gateway HTTP (v2) requests and the scheduler's constant input. */
    @Funq(NAME)
    public Object summarize(Map<String, Object> event) {
        return dispatch(event);
    }

    /** The scheduled run itself, without the dispatch and its log line (tests call it). */
    public ScheduleReport daily() {
        return digests.runDaily();
    }

    private Reply groupSummary(Request request) {
        String org = request.id("org");
        String groupId = request.id("group");
        if (!Access.inOrg(request.caller(), org)) {
            throw ApiError.forbidden();
        }
        Group group = store.group(org, groupId).orElseThrow(() -> ApiError.notFound("group " + groupId));
        String subject = request.caller().subject();
        boolean seated = subject != null && Ids.isValid(subject) && store.seated(org, groupId, subject);
        if (!Access.mayReadDigest(request.caller(), org, group, seated)) {
            throw ApiError.forbidden();
        }
        Period period = period(request);
        LocalDate date = date(request, org);
        Digests.Made made = digests.make(org, group, period, date);
        return Reply.ok(Access.seesSilentMembers(request.caller(), org, group) ? made.forAdmins() : made.forMembers());
    }

    private Reply orgSummary(Request request) {
        String org = request.id("org");
        if (!Access.mayAdminister(request.caller(), org)) {
            throw ApiError.forbidden();
        }
        return Reply.ok(digests.rollUp(org, period(request), date(request, org)));
    }

    private static Period period(Request request) {
        String value = request.query("period").orElse("day");
        return switch (value) {
            case "day" -> Period.DAY;
            case "week" -> Period.WEEK;
            default -> throw new ApiError(ErrorCode.INVALID_INPUT, "period must be day or week");
        };
    }

    private LocalDate date(Request request, String org) {
        return request.day("date", digests.today(org));
    }
}
