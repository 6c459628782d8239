package io.headcount.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OverflowMode;
import io.headcount.localkit.FaultProxy.Fault;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store fails in the middle of a batch: the caller gets 503, every event kept so far is whole (message and
 * counters together), and posting the batch again keeps the rest without counting anything twice. Also the
 * DynamoDB round trips a batch costs.
 */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class IngestFaultTest extends StoreTest {
    @Inject
    IngestFunction function;

    String org;
    String bot;
    Instant t0;

    @BeforeEach
    void setUp() {
        org = Fixtures.newOrg("ingf");
        bot = StoreResource.tokens().mint("bot", org, "connector", 600);
        t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        fx.group(org, "g", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
        fx.member(org, "a", "sales", List.of());
        fx.member(org, "b", "sales", List.of());
    }

    @AfterEach
    void heal() {
        StoreResource.proxy().heal();
    }

    String batch(int size) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            events.add(Map.of("type", "message", "messageId", "m" + i, "groupId", "g", "userId", i % 2 == 0 ? "a" : "b",
                    "at", t0.plusSeconds(i).toString(), "text", "【讨论】第 " + i + " 条"));
        }
        return Api.json(Map.of("events", events));
    }

    APIGatewayV2HTTPResponse post(String body) {
        return function.ingest(Api.event(IngestFunction.EVENTS, Map.of("org", org), body, bot));
    }

    long counter(Keys.Key key, String name) {
        return table.get(key).map(i -> Attrs.num(i, name)).orElse(0L);
    }

    int messages() {
        int kept = 0;
        for (int i = 0; i < 10; i++) {
            kept += table.get(Keys.message(org, "api", "m" + i)).isPresent() ? 1 : 0;
        }
        return kept;
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aStoreFailureMidBatchKeepsWholeEventsAndARetryKeepsTheRestOnce(Fault fault) {
        // Two reads (links, messages and policy; then groups, members, seats and activity), then one
        // transaction per message: the fourth message's transaction is the first to fail.
        StoreResource.proxy().failAfter(2 + 3, fault);
        APIGatewayV2HTTPResponse failed = post(batch(10));
        StoreResource.proxy().heal();
        assertEquals(503, failed.getStatusCode(), failed.getBody());
        assertEquals("STORE_UNAVAILABLE", Api.body(failed).get("error").asText());
        assertEquals(3, messages(), "the three messages before the failure are kept");
        assertEquals(3, counter(Keys.groupActivity(org, "g"), "messages"), "and counted with them, no more");

        JsonNode retried = Api.body(post(batch(10)));
        assertEquals(7, retried.get("accepted").asInt(), retried.toString());
        assertEquals(3, retried.get("duplicates").asInt(), retried.toString());
        assertEquals(10, messages());
        assertEquals(10, counter(Keys.groupActivity(org, "g"), "messages"));
        assertEquals(5, counter(Keys.memberActivity(org, "a"), "messages"));
        assertEquals(5, counter(Keys.memberActivity(org, "b"), "messages"));
    }

    @Test
    void aBatchCostsTwoReadsAndOneTransactionPerNewEvent() {
        int before = StoreResource.proxy().requests();
        JsonNode first = Api.body(post(batch(10)));
        assertEquals(10, first.get("accepted").asInt());
        assertEquals(2 + 10, StoreResource.proxy().requests() - before);

        before = StoreResource.proxy().requests();
        JsonNode again = Api.body(post(batch(10)));
        assertEquals(10, again.get("duplicates").asInt());
        assertEquals(2, StoreResource.proxy().requests() - before, "a redelivery is recognised from the reads alone");
    }
}
