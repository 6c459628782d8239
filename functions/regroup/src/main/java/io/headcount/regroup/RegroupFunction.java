package io.headcount.regroup;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.headcount.adapters.ApiError;
import io.headcount.adapters.ErrorCode;
import io.headcount.adapters.Gateway;
import io.headcount.adapters.Reply;
import io.headcount.adapters.Request;
import io.headcount.adapters.ScheduledHttpFunction;
import io.headcount.domain.Access;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;

/**
 * regroup: the weekly plan of every org (an EventBridge Scheduler event {@code {"schedule": "weekly-regroup"}},
 * applied where the org's policy says autoApply), and plans on demand through the API for admins to review and apply.
 */
@ApplicationScoped
public class RegroupFunction extends ScheduledHttpFunction {
    public static final String NAME = "regroup";
    public static final String WEEKLY = "weekly-regroup";
    static final String REGROUP = "POST /orgs/{org}/regroup";
    static final String PLAN = "GET /orgs/{org}/plans/{planId}";
    static final String PLANS = "GET /orgs/{org}/plans";

    private final Regrouping regrouping;

    RegroupFunction(Gateway gateway, Regrouping regrouping, ObjectMapper mapper) {
        super(NAME, WEEKLY, regrouping::runWeekly, gateway, mapper);
        this.regrouping = regrouping;
        routes(Map.of(REGROUP, this::regroupNow, PLAN, this::plan, PLANS, this::plans));
    }

    /** One entry point for both event shapes: API Gateway HTTP (v2) requests and the scheduler's constant input. */
    @Funq(NAME)
    public Object regroup(Map<String, Object> event) {
        return dispatch(event);
    }

    /** {@code mode=plan} proposes; {@code mode=apply} applies the plan named by planId, or plans and applies. */
    private Reply regroupNow(Request request) {
        String org = administered(request);
        String mode = request.query("mode").orElse("");
        Optional<String> planId = request.query("planId");
        return switch (mode) {
            case "plan" -> {
                if (planId.isPresent()) {
                    throw new ApiError(ErrorCode.INVALID_INPUT, "planId goes with mode=apply");
                }
                yield Reply.ok(regrouping.propose(org));
            }
            case "apply" -> Reply.ok(planId.isPresent() ? regrouping.apply(org, planId.get())
                    : regrouping.proposeAndApply(org));
            default -> throw new ApiError(ErrorCode.INVALID_INPUT, "mode must be plan or apply");
        };
    }

    private Reply plan(Request request) {
        String org = administered(request);
        return Reply.ok(regrouping.plan(org, request.id("planId")));
    }

    private Reply plans(Request request) {
        String org = administered(request);
        return Reply.ok(regrouping.plans(org, request.query("after").orElse(null)));
    }

    private static String administered(Request request) {
        String org = request.id("org");
        if (!Access.mayAdminister(request.caller(), org)) {
            throw ApiError.forbidden();
        }
        return org;
    }
}
