package io.headcount.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Keys;
import io.headcount.adapters.WebhookItems;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OverflowMode;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A group's digest webhook: stored for summarize, answered without its credentials, refused when off-platform. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class WebhookTest extends StoreTest {
    static final String URL = "https://oapi.dingtalk.com/robot/send?access_token=8f7d6c5b4a";
    static final String SECRET = "SECa1b2c3d4e5f6";

    @Inject
    AdminFunction function;

    String org;
    String admin;

    @BeforeEach
    void setUp() {
        org = Fixtures.newOrg("hook");
        admin = StoreResource.tokens().mint("admin", org, "boss", 300);
        fx.group(org, "east", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
    }

    APIGatewayV2HTTPResponse put(String group, String body, String token) {
        return function.admin(Api.event(AdminFunction.PUT_WEBHOOK, Map.of("org", org, "group", group), body, token));
    }

    APIGatewayV2HTTPResponse get(String group) {
        return function.admin(Api.event(AdminFunction.GET_WEBHOOK, Map.of("org", org, "group", group), null, admin));
    }

    @Test
    void aWebhookIsStoredAndAnsweredWithoutItsCredentials() {
        APIGatewayV2HTTPResponse r = put("east", "{\"platform\":\"dingtalk\",\"url\":\"" + URL + "\",\"secret\":\""
                + SECRET + "\"}", admin);
        assertEquals(200, r.getStatusCode(), r.getBody());
        for (APIGatewayV2HTTPResponse answer : List.of(r, get("east"))) {
            assertFalse(answer.getBody().contains("8f7d6c5b4a") || answer.getBody().contains(SECRET), answer.getBody());
            JsonNode view = Api.body(answer);
            assertEquals("dingtalk", view.get("platform").asText());
            assertEquals("oapi.dingtalk.com", view.get("host").asText());
            assertTrue(view.get("signed").asBoolean());
        }
        assertEquals(URL, WebhookItems.from(table.get(Keys.webhook(org, "east")).orElseThrow()).orElseThrow().url());

        JsonNode removed = Api.body(put("east", "{}", admin));
        assertTrue(removed.get("platform") == null || removed.get("platform").isNull());
        assertTrue(table.get(Keys.webhook(org, "east")).isEmpty());
    }

    @Test
    void badTargetsAndUnknownGroupsWriteNothing() {
        String before = fx.snapshot();
        assertEquals(422, put("east", "{\"platform\":\"slack\",\"url\":\"https://evil.example.com/hook\"}", admin)
                .getStatusCode());
        assertEquals(422, put("east", "{\"platform\":\"wecom\",\"url\":\"http://qyapi.weixin.qq.com/x\"}", admin)
                .getStatusCode());
        assertEquals(422, put("east", "{\"platform\":\"dingtalk\",\"url\":\"" + URL + "\",\"extra\":1}", admin)
                .getStatusCode());
        assertEquals(404, put("ghost", "{\"platform\":\"dingtalk\",\"url\":\"" + URL + "\"}", admin)
                .getStatusCode());
        assertEquals(404, get("ghost").getStatusCode());
        for (String role : List.of("bot", "member", "group-admin")) {
            String token = StoreResource.tokens().mint(role, org, "someone", 300);
            assertEquals(403, put("east", "{\"platform\":\"dingtalk\",\"url\":\"" + URL + "\"}", token)
                    .getStatusCode(), role);
        }
        assertEquals(before, fx.snapshot());
    }
}
