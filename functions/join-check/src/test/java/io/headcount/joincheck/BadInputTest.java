package io.headcount.joincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OverflowMode;
import io.headcount.testing.Api;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input gets the JSON error with the right status and writes nothing. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class BadInputTest extends StoreTest {
    static final String ORG = "bad";
    static final String LONG_ID = "x".repeat(65);

    @Inject
    JoinCheckFunction function;

    @BeforeEach
    void setUp() {
        fx.group(ORG, "g", GroupKind.FUNCTION, "sales", 5, OverflowMode.DENY);
        fx.member(ORG, "u1", "sales", List.of());
    }

    static Stream<Arguments> cases() {
        String join = JoinCheckFunction.JOIN;
        String leave = JoinCheckFunction.LEAVE;
        String seats = JoinCheckFunction.SEATS;
        return Stream.of(
                body(join, "{", 400, "MALFORMED_REQUEST"),
                body(join, "not json", 400, "MALFORMED_REQUEST"),
                body(join, "", 400, "MALFORMED_REQUEST"),
                body(join, null, 400, "MALFORMED_REQUEST"),
                body(join, "null", 400, "MALFORMED_REQUEST"),
                body(join, "{\"userId\":\"u1\"} trailing", 400, "MALFORMED_REQUEST"),
                body(join, "{\"userId\":\"u1\",}", 400, "MALFORMED_REQUEST"),
                body(join, "{\"userId\":\"u1\"", 400, "MALFORMED_REQUEST"),
                body(join, "{'userId':'u1'}", 400, "MALFORMED_REQUEST"),
                body(join, "{\"userId\":\"u1\",\"userId\":\"u2\"}", 400, "MALFORMED_REQUEST"),
                body(join, "[]", 422, "INVALID_INPUT"),
                body(join, "[{\"userId\":\"u1\"}]", 422, "INVALID_INPUT"),
                body(join, "\"u1\"", 422, "INVALID_INPUT"),
                body(join, "42", 422, "INVALID_INPUT"),
                body(join, "{}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":null}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":42}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":4.2}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":true}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":[\"u1\"]}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":{\"id\":\"u1\"}}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":\"\"}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":\"" + LONG_ID + "\"}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":\"u 1\"}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":\"u#1\"}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":\"u/1\"}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":\"张三\"}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":\"u1\\u0000\"}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":\"u1\",\"role\":\"admin\"}", 422, "INVALID_INPUT"),
                body(join, "{\"user\":\"u1\"}", 422, "INVALID_INPUT"),
                body(join, "{\"userId\":\"u1\",\"pad\":\"" + "x".repeat(70_000) + "\"}", 413, "PAYLOAD_TOO_LARGE"),
                body(leave, "{", 400, "MALFORMED_REQUEST"),
                body(leave, "{\"userId\":7}", 422, "INVALID_INPUT"),
                body(leave, "{\"userId\":\"" + LONG_ID + "\"}", 422, "INVALID_INPUT"),
                path(join, "", "g", 400, "MALFORMED_REQUEST"),
                path(join, LONG_ID, "g", 400, "MALFORMED_REQUEST"),
                path(join, "b#d", "g", 400, "MALFORMED_REQUEST"),
                path(join, ORG, "", 400, "MALFORMED_REQUEST"),
                path(join, ORG, "g%2F..", 400, "MALFORMED_REQUEST"),
                path(join, ORG, LONG_ID, 400, "MALFORMED_REQUEST"),
                path(seats, ORG, "a b", 400, "MALFORMED_REQUEST"),
                path(join, ORG, "nope", 404, "NOT_FOUND"),
                path(leave, ORG, "nope", 404, "NOT_FOUND"),
                path(seats, ORG, "nope", 404, "NOT_FOUND"),
                Arguments.of("unknown route", "DELETE /orgs/{org}/groups/{group}", ORG, "g", Api.userBody("u1"),
                        404, "NOT_FOUND"));
    }

    static Arguments body(String route, String body, int status, String code) {
        String shown = body == null ? "null body" : body.length() > 40 ? body.substring(0, 40) + "…" : body;
        return Arguments.of(route.split(" ")[1].replaceAll(".*/", "") + " " + shown, route, ORG, "g", body, status,
                code);
    }

    static Arguments path(String route, String org, String group, int status, String code) {
        return Arguments.of(route.split(" ")[1].replaceAll(".*/", "") + " org=" + org + " group=" + group, route,
                org, group, Api.userBody("u1"), status, code);
    }

    @ParameterizedTest(name = "{0} -> {5}")
    @MethodSource("cases")
    void isRefusedWithTheJsonErrorAndWritesNothing(String name, String route, String org, String group, String body,
            int status, String code) {
        String before = fx.snapshot();
        String token = StoreResource.tokens().mint("admin", org.isEmpty() || org.length() > 64 ? ORG : org, "boss",
                600);
        Map<String, String> params = new HashMap<>();
        params.put("org", org);
        params.put("group", group);
        APIGatewayV2HTTPResponse r = function.joinCheck(Api.event(route, params, body, token));
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals("application/json; charset=utf-8", r.getHeaders().get("Content-Type"));
        JsonNode error = Api.body(r);
        assertEquals(code, error.get("error").asText(), r.getBody());
        assertTrue(error.get("message").asText().length() > 5);
        assertEquals(before, fx.snapshot(), "nothing written");
    }

    @ParameterizedTest(name = "base64 body {0}")
    @MethodSource("base64Bodies")
    void base64BodiesAreDecodedOrRefused(String encoded, int status) {
        APIGatewayV2HTTPEvent event = Api.event(JoinCheckFunction.JOIN, Map.of("org", ORG, "group", "g"), encoded,
                StoreResource.tokens().mint("bot", ORG, "bot", 600));
        event.setIsBase64Encoded(true);
        assertEquals(status, function.joinCheck(event).getStatusCode());
    }

    static Stream<Arguments> base64Bodies() {
        return Stream.of(
                Arguments.of(java.util.Base64.getEncoder().encodeToString(Api.userBody("u1").getBytes()), 200),
                Arguments.of("%%%not-base64%%%", 400));
    }
}
