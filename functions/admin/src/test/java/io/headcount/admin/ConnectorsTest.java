package io.headcount.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.ConnectorItems;
import io.headcount.adapters.Keys;
import io.headcount.domain.ConnectorSpec;
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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Webhook proof settings per platform: stored for ingest, answered by name only, refused when malformed. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class ConnectorsTest extends StoreTest {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

    @Inject
    AdminFunction function;

    String org;
    String admin;

    @BeforeEach
    void setUp() {
        org = Fixtures.newOrg("con");
        admin = StoreResource.tokens().mint("admin", org, "boss", 300);
    }

    APIGatewayV2HTTPResponse put(String platform, String body, String token) {
        return function.admin(Api.event(AdminFunction.PUT_CONNECTOR, Map.of("org", org, "platform", platform), body,
                token));
    }

    APIGatewayV2HTTPResponse get(String platform) {
        return function.admin(Api.event(AdminFunction.GET_CONNECTOR, Map.of("org", org, "platform", platform), null,
                admin));
    }

    ConnectorSpec stored(String platform) {
        return ConnectorItems.from(table.get(Keys.connector(org, platform)).orElse(Map.of()));
    }

    @Test
    void aSlackSigningSecretIsStoredAndNeverAnswered() {
        APIGatewayV2HTTPResponse r = put("slack", "{\"signingSecret\":\"" + SECRET + "\"}", admin);
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertFalse(r.getBody().contains(SECRET));
        assertEquals(List.of("signingSecret"), List.of(Api.JSON.convertValue(Api.body(r).get("configured"),
                String[].class)));
        assertEquals(SECRET, stored("slack").signingSecret());

        APIGatewayV2HTTPResponse read = get("slack");
        assertEquals(200, read.getStatusCode());
        assertFalse(read.getBody().contains(SECRET));
        assertEquals("signingSecret", Api.body(read).get("configured").get(0).asText());
    }

    @Test
    void feishuSettingsAreReplacedAsAWholeAndAnEmptyBodyTurnsTheChecksOff() {
        put("feishu", "{\"verificationToken\":\"v3rificationT0ken\",\"encryptKey\":\"encryptKey123\"}", admin);
        assertEquals("encryptKey123", stored("feishu").encryptKey());
        put("feishu", "{\"verificationToken\":\"an0therT0ken\"}", admin);
        assertEquals("an0therT0ken", stored("feishu").verificationToken());
        assertNull(stored("feishu").encryptKey(), "a setting left out is removed");
        JsonNode off = Api.body(put("feishu", "{}", admin));
        assertEquals(0, off.get("configured").size());
        assertEquals(List.of(), stored("feishu").configured());
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("slack", "{\"signingSecret\":\"short\"}", 422),
                Arguments.of("slack", "{\"signingSecret\":\"has a space inside\"}", 422),
                Arguments.of("slack", "{\"encryptKey\":\"encryptKey123\"}", 422),
                Arguments.of("feishu", "{\"signingSecret\":\"" + SECRET + "\"}", 422),
                Arguments.of("feishu", "{\"verificationToken\":\"" + "x".repeat(257) + "\"}", 422),
                Arguments.of("feishu", "{\"verificationToken\":42}", 422),
                Arguments.of("feishu", "{\"token\":\"v3rificationT0ken\"}", 422),
                Arguments.of("slack", "{", 400),
                Arguments.of("dingtalk", "{\"signingSecret\":\"" + SECRET + "\"}", 404),
                Arguments.of("teams", "{}", 404));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("refused")
    void badSettingsAreRefusedAndWriteNothing(String platform, String body, int status) {
        String before = fx.snapshot();
        APIGatewayV2HTTPResponse r = put(platform, body, admin);
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals(before, fx.snapshot());
    }

    @Test
    void onlyAnAdminOfTheOrgMayConfigure() {
        String before = fx.snapshot();
        for (String role : List.of("bot", "member", "group-admin")) {
            String token = StoreResource.tokens().mint(role, org, "someone", 300);
            assertEquals(403, put("slack", "{\"signingSecret\":\"" + SECRET + "\"}", token).getStatusCode(), role);
        }
        String foreign = StoreResource.tokens().mint("admin", "other-org", "boss", 300);
        assertEquals(403, put("slack", "{\"signingSecret\":\"" + SECRET + "\"}", foreign).getStatusCode());
        assertEquals(before, fx.snapshot());
    }
}
