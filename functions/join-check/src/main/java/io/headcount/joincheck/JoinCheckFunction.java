package io.headcount.joincheck;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.headcount.adapters.ApiError;
import io.headcount.adapters.Gateway;
import io.headcount.adapters.Metrics;
import io.headcount.adapters.Reply;
import io.headcount.adapters.Request;
import io.headcount.adapters.RoutedFunction;
import io.headcount.domain.Access;
import io.headcount.domain.JoinBody;
import io.headcount.domain.Seats;
import io.headcount.seating.JoinAnswer;
import io.headcount.seating.Seating;
import io.quarkus.funqy.Funq;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** join-check: admit, redirect, waitlist or deny; leave; seats. */
@ApplicationScoped
public class JoinCheckFunction extends RoutedFunction {
    public static final String NAME = "joinCheck";
    static final String JOIN = "POST /orgs/{org}/groups/{group}/join";
    static final String LEAVE = "POST /orgs/{org}/groups/{group}/leave";
    static final String SEATS = "GET /orgs/{org}/groups/{group}/seats";

    private final Seating seating;

    JoinCheckFunction(Gateway gateway, Seating seating) {
        super(NAME, gateway);
        this.seating = seating;
        routes(Map.of(JOIN, this::join, LEAVE, this::leave, SEATS, this::seats));
    }

    @Funq(NAME)
    public APIGatewayV2HTTPResponse joinCheck(APIGatewayV2HTTPEvent event) {
        return handle(event);
    }

    private Reply join(Request request) {
        String org = request.id("org");
        String group = request.id("group");
        String userId = forWhom(request, org);
        JoinAnswer answer = seating.join(org, group, userId);
        Metrics.count("Decisions" + answer.decision(), 1);
        return Reply.ok(answer);
    }

    private Reply leave(Request request) {
        String org = request.id("org");
        String group = request.id("group");
        String userId = forWhom(request, org);
        return Reply.ok(seating.leave(org, group, userId));
    }

    private Reply seats(Request request) {
        String org = request.id("org");
        String group = request.id("group");
        if (!Access.mayReadSeats(request.caller(), org)) {
            throw ApiError.forbidden();
        }
        return Reply.ok(seating.group(org, group).map(Seats::of).orElseThrow(() -> ApiError.notFound("group " + group)));
    }

    /** Decodes {userId} and checks the caller may act for that member. */
    private static String forWhom(Request request, String org) {
        if (!Access.inOrg(request.caller(), org)) {
            throw ApiError.forbidden();
        }
        JoinBody body = request.body(JoinBody.class);
        if (!body.check().isEmpty()) {
            throw ApiError.invalid(body.check());
        }
        if (!Access.mayActFor(request.caller(), org, body.userId())) {
            throw ApiError.forbidden();
        }
        return body.userId();
    }
}
