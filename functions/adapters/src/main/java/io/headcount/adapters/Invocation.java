package io.headcount.adapters;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The two event shapes a scheduled function takes at its one entry point: API Gateway HTTP (v2) requests, and the
 * scheduler's constant input {@code {"schedule": name}} — exactly that, nothing else.
 */
public final class Invocation {

    private Invocation() {
    }

    /**
     * @throws IllegalArgumentException for any other event: the invocation fails, so the scheduler retries it and
     *                                  then sends it to its dead-letter queue
     */
    public static Object dispatch(String function, Map<String, Object> event, ObjectMapper mapper,
            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> http, String schedule, Supplier<?> scheduled) {
        if (event != null && event.containsKey("routeKey")) {
            return http.apply(mapper.convertValue(event, APIGatewayV2HTTPEvent.class));
        }
        if (event != null && event.size() == 1 && schedule.equals(event.get("schedule"))) {
            return run(function, schedule, scheduled);
        }
        throw new IllegalArgumentException("not an API Gateway request nor {\"schedule\": \"" + schedule + "\"}");
    }

    /** Runs a scheduled job and logs its one line (outcome, duration, store calls, the counts the job reported). */
    private static Object run(String function, String schedule, Supplier<?> scheduled) {
        long started = System.nanoTime();
        StoreCalls.reset();
        Metrics.reset();
        String outcome = "ERROR";
        try {
            Object report = scheduled.get();
            outcome = "OK";
            return report;
        } finally {
            Gateway.logScheduled(function, schedule, outcome, started);
        }
    }
}
