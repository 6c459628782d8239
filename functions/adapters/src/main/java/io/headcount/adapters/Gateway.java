package io.headcount.adapters;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.headcount.domain.Caller;
import io.headcount.domain.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Serves one API Gateway HTTP event: authenticate, find the route, run it, encode the reply or the error, and log
 * one structured line (never a body, a token or message text).
 */
@ApplicationScoped
public class Gateway {
    private static final Logger LOG = Logger.getLogger("headcount.request");
    private static final Map<String, String> JSON_HEADERS = Map.of("Content-Type", "application/json; charset=utf-8");

    private final Authenticator authenticator;

    public Gateway(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public APIGatewayV2HTTPResponse serve(String function, APIGatewayV2HTTPEvent event, Map<String, Route> routes) {
        long started = System.nanoTime();
        StoreCalls.reset();
        Metrics.reset();
        String routeKey = event.getRouteKey();
        int status;
        String body;
        String outcome;
        Map<String, String> headers = JSON_HEADERS;
        try {
            Route route = routes.get(routeKey);
            if (route == null) {
                throw new ApiError(ErrorCode.NOT_FOUND, "no such route");
            }
            Caller caller = authenticator.authenticate(Request.header(event, "authorization"));
            Reply reply = route.handle(new Request(event, caller));
            status = reply.status();
            if (reply.body() instanceof Reply.Text text) {
                headers = Map.of("Content-Type", text.contentType());
                body = text.content();
            } else {
                body = Json.write(reply.body());
            }
            outcome = "OK";
        } catch (ApiError e) {
            status = e.code().status();
            body = Json.write(ErrorBody.of(e));
            outcome = e.code().name();
        } catch (SdkException e) {
            ApiError unavailable = new ApiError(ErrorCode.STORE_UNAVAILABLE,
                    "the store is unavailable; nothing was changed, try again");
            status = unavailable.code().status();
            body = Json.write(ErrorBody.of(unavailable));
            outcome = unavailable.code().name() + ":" + e.getClass().getSimpleName();
        } catch (RuntimeException e) {
            LOG.error("unexpected failure in " + function, e);
            ApiError internal = new ApiError(ErrorCode.INTERNAL, "unexpected error");
            status = internal.code().status();
            body = Json.write(ErrorBody.of(internal));
            outcome = internal.code().name();
        }
        log(function, event, routeKey, status, outcome, started);
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(headers);
        response.setBody(body);
        response.setIsBase64Encoded(false);
        return response;
    }

    private static void log(String function, APIGatewayV2HTTPEvent event, String routeKey, int status, String outcome,
            long started) {
        Map<String, Object> line = new TreeMap<>();
        line.put("function", function);
        line.put("requestId", event.getRequestContext() == null ? null : event.getRequestContext().getRequestId());
        line.put("route", routeKey);
        String org = Request.pathParameter(event, "org");
        line.put("org", Ids.isValid(org) ? org : null);
        line.put("status", status);
        line.put("outcome", outcome);
        write(line, started);
    }

    /** One scheduled run's line: the job, its outcome, what it cost and the counts it reported. */
    static void logScheduled(String function, String schedule, String outcome, long started) {
        Map<String, Object> line = new TreeMap<>();
        line.put("function", function);
        line.put("schedule", schedule);
        line.put("outcome", outcome);
        write(line, started);
    }

    private static void write(Map<String, Object> line, long started) {
        double ms = (System.nanoTime() - started) / 1_000_000.0;
        line.put("storeCalls", StoreCalls.count());
        line.put("ms", ms);
        Metrics.into(line, ms, StoreCalls.count());
        LOG.info(Json.write(line));
    }
}
