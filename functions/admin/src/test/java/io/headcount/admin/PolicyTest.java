package io.headcount.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.adapters.Policies;
import io.headcount.domain.Language;
import io.headcount.domain.OverflowMode;
import io.headcount.domain.Policy;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The org policy: partial updates over the defaults, every value checked, each change a new version. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class PolicyTest extends StoreTest {
    @Inject
    AdminFunction function;

    String org;
    String admin;

    @BeforeEach
    void setUp() {
        org = Fixtures.newOrg("pol");
        admin = StoreResource.tokens().mint("admin", org, "boss", 300);
    }

    APIGatewayV2HTTPResponse put(String body, String token) {
        return function.admin(Api.event(AdminFunction.PUT_POLICY, Map.of("org", org), body, token));
    }

    @Test
    void anOrgWithoutAPolicyReadsTheDefaults() {
        JsonNode p = Api.body(function.admin(Api.event(AdminFunction.GET_POLICY, Map.of("org", org), null, admin)));
        assertEquals(15, p.get("cap").asInt());
        assertEquals("zh-CN", p.get("language").asText());
        assertEquals(90, p.get("retentionDays").asInt());
        assertEquals(3, p.get("scoreWeights").get("answer").asInt());
        assertFalse(p.get("requireTags").asBoolean());
    }

    @Test
    void aPartialUpdateKeepsTheRestAndBumpsTheVersion() {
        APIGatewayV2HTTPResponse r = put("{\"cap\":12,\"language\":\"en\",\"overflow\":\"WAITLIST\","
                + "\"requireTags\":true,\"topicTags\":[\"客户反馈\",\"求助\",\"周报\"],\"scoreWeights\":{\"answer\":5}}", admin);
        assertEquals(200, r.getStatusCode(), r.getBody());
        Policy stored = Policies.from(table.get(Keys.policy(org)).orElseThrow());
        assertEquals(12, stored.cap());
        assertEquals(5, stored.minSize(), "unchanged");
        assertEquals(Language.EN, stored.language());
        assertEquals(OverflowMode.WAITLIST, stored.overflow());
        assertTrue(stored.requireTags());
        assertEquals(List.of("客户反馈", "求助", "周报"), stored.topicTags());
        assertEquals(5, stored.weights().answer());
        assertEquals(2, stored.weights().fastAnswer(), "unchanged");
        assertEquals(1, Attrs.num(table.get(Keys.policy(org)).orElseThrow(), "version"));
        put("{\"minSize\":4}", admin);
        assertEquals(2, Attrs.num(table.get(Keys.policy(org)).orElseThrow(), "version"));
        assertEquals(12, Policies.from(table.get(Keys.policy(org)).orElseThrow()).cap());
    }

    static Stream<String> invalid() {
        return Stream.of("{\"cap\":1}", "{\"cap\":600}", "{\"hardCap\":10,\"cap\":15}", "{\"minSize\":0}",
                "{\"minSize\":20}", "{\"eligibility\":\"SOMETIMES\"}", "{\"overflow\":\"redirect\"}",
                "{\"timeZone\":\"Mars/Olympus\"}", "{\"language\":\"fr\"}", "{\"retentionDays\":0}",
                "{\"retentionDays\":4000}", "{\"inactivityDays\":400}", "{\"topicTags\":[\"有 空格\"]}",
                "{\"topicTags\":[\"【标签】\"]}", "{\"topicTags\":[\"a\",\"a\"]}",
                "{\"scoreWeights\":{\"bribe\":100}}", "{\"scoreWeights\":{\"answer\":1000}}",
                "{\"scoreWeights\":{\"dailyCap\":0}}", "{\"cap\":\"12\"}", "{\"unknown\":1}");
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void badValuesAre422AndWriteNothing(String body) {
        String before = fx.snapshot();
        APIGatewayV2HTTPResponse r = put(body, admin);
        assertEquals(422, r.getStatusCode(), r.getBody());
        assertEquals(before, fx.snapshot());
    }

    @Test
    void onlyTheOrgsAdminsMayChangeIt() {
        String before = fx.snapshot();
        for (String role : List.of("bot", "member", "group-admin")) {
            assertEquals(403, put("{\"cap\":10}", StoreResource.tokens().mint(role, org, "x", 300)).getStatusCode());
        }
        assertEquals(403, put("{\"cap\":10}", StoreResource.tokens().mint("admin", "other", "boss", 300))
                .getStatusCode());
        assertEquals(before, fx.snapshot());
    }
}
