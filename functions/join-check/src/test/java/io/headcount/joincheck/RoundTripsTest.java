package io.headcount.joincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.headcount.adapters.StoreCalls;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OverflowMode;
import io.headcount.testing.Api;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DynamoDB round trips per join-check path, counted by the SDK interceptor that also feeds the request log. These
 * are the numbers in the README; a change that adds a round trip fails here.
 */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class RoundTripsTest extends StoreTest {
    static final String ORG = "trips";

    @Inject
    JoinCheckFunction function;
    String bot;

    @BeforeEach
    void setUp() {
        bot = StoreResource.tokens().mint("bot", ORG, "connector", 600);
    }

    int trips(String route, String group, String user, String expectedDecision) {
        APIGatewayV2HTTPResponse r = function.joinCheck(
                Api.event(route, Map.of("org", ORG, "group", group), Api.userBody(user), bot));
        int calls = StoreCalls.count();
        assertEquals(200, r.getStatusCode(), r.getBody());
        if (expectedDecision != null) {
            assertEquals(expectedDecision, Api.body(r).get("decision").asText());
        }
        return calls;
    }

    @Test
    void roundTripsPerPath() {
        fx.group(ORG, "a", GroupKind.FUNCTION, "sales", 1, OverflowMode.OPEN_OVERFLOW);
        fx.group(ORG, "b", GroupKind.FUNCTION, "sales", 1, OverflowMode.REDIRECT);
        fx.group(ORG, "w", GroupKind.FUNCTION, "service", 1, OverflowMode.WAITLIST);
        fx.members(ORG, "s", 4, "sales");
        fx.group(ORG, "open", GroupKind.GENERAL, "all", 5, OverflowMode.DENY);
        fx.members(ORG, "v", 3, "service");

        assertEquals(2, trips(JoinCheckFunction.JOIN, "a", "s0", "ADMITTED"), "admit: read + transaction");
        assertEquals(1, trips(JoinCheckFunction.JOIN, "a", "s0", "ADMITTED"), "retried admit: read");
        assertEquals(1, trips(JoinCheckFunction.JOIN, "w", "s1", "DENIED"), "denied: read");
        assertEquals(3, trips(JoinCheckFunction.JOIN, "a", "s1", "REDIRECTED"), "redirect: read + pool + transaction");
        assertEquals(3, trips(JoinCheckFunction.JOIN, "a", "s2", "OVERFLOW_OPENED"),
                "overflow: read + pool + transaction");
        assertEquals(2, trips(JoinCheckFunction.JOIN, "w", "v0", "ADMITTED"), "admit");
        assertEquals(2, trips(JoinCheckFunction.JOIN, "w", "v1", "WAITLISTED"), "waitlist: read + transaction");
        assertEquals(3, trips(JoinCheckFunction.LEAVE, "w", "v0", null),
                "leave with promotion: read + queue head + transaction");
        assertEquals(2, trips(JoinCheckFunction.LEAVE, "w", "v1", null), "leave: read + transaction");
        assertEquals(2, trips(JoinCheckFunction.JOIN, "open", "v2", "ADMITTED"), "admit of a group first seen");
        assertEquals(1, trips(JoinCheckFunction.JOIN, "open", "s0", "ADMITTED"),
                "admit of a group and member this instance has read: the transaction alone");
        assertEquals(1, trips(JoinCheckFunction.JOIN, "open", "s0", "ADMITTED"), "and its retry");
    }
}
