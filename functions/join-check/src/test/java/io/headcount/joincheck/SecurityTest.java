package io.headcount.joincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OverflowMode;
import io.headcount.localkit.Tokens;
import io.headcount.testing.Api;
import io.headcount.testing.HostileTokens;
import io.headcount.testing.HostileTokens.TokenSource;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bad token is 401, every good token in the wrong role or org is 403, and none of them writes anything. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class SecurityTest extends StoreTest {
    static final String ORG = "sec";

    @Inject
    JoinCheckFunction function;

    @BeforeEach
    void setUp() {
        fx.group(ORG, "g", GroupKind.FUNCTION, "sales", 5, OverflowMode.DENY);
        fx.member(ORG, "u1", "sales", List.of());
        fx.member(ORG, "u2", "sales", List.of());
        fx.group("other", "g", GroupKind.FUNCTION, "sales", 5, OverflowMode.DENY);
        fx.member("other", "u1", "sales", List.of());
    }


    static Stream<Arguments> unauthenticated() {
        return HostileTokens.unauthenticated(ORG, "bot", "bot");
    }

    @ParameterizedTest(name = "{0} -> 401")
    @MethodSource("unauthenticated")
    void badTokensAre401AndWriteNothing(String name, TokenSource token) throws Exception {
        String before = fx.snapshot();
        for (String route : List.of(JoinCheckFunction.JOIN, JoinCheckFunction.LEAVE, JoinCheckFunction.SEATS)) {
            APIGatewayV2HTTPResponse r = function.joinCheck(
                    Api.event(route, Map.of("org", ORG, "group", "g"), Api.userBody("u1"), token.get()));
            assertError(r, 401, "UNAUTHORIZED");
        }
        assertEquals(before, fx.snapshot());
    }

    static Stream<Arguments> forbidden() {
        return Stream.of(
                Arguments.of("member joining for someone else", "member", ORG, "u1", ORG, "u2"),
                Arguments.of("group-admin joining for someone else", "group-admin", ORG, "u1", ORG, "u2"),
                Arguments.of("bot of another org", "bot", "other", "connector", ORG, "u1"),
                Arguments.of("admin of another org", "admin", "other", "boss", ORG, "u1"),
                Arguments.of("member of another org joining there for itself", "member", "other", "u1", ORG, "u1"),
                Arguments.of("no known role", "guest", ORG, "u1", ORG, "u1"));
    }

    @ParameterizedTest(name = "{0} -> 403")
    @MethodSource("forbidden")
    void wrongRoleOrOrgIs403AndWritesNothing(String name, String role, String tokenOrg, String subject,
            String pathOrg, String userId) throws Exception {
        String token = StoreResource.tokens().mint(role, tokenOrg, subject, 600);
        String before = fx.snapshot();
        for (String route : List.of(JoinCheckFunction.JOIN, JoinCheckFunction.LEAVE)) {
            APIGatewayV2HTTPResponse r = function.joinCheck(
                    Api.event(route, Map.of("org", pathOrg, "group", "g"), Api.userBody(userId), token));
            assertError(r, 403, "FORBIDDEN");
        }
        assertEquals(before, fx.snapshot());
    }

    @ParameterizedTest(name = "{0}: seats -> 403")
    @MethodSource("forbidden")
    void seatsOfAnotherOrgAre403(String name, String role, String tokenOrg, String subject, String pathOrg,
            String userId) {
        if (tokenOrg.equals(pathOrg) && !role.equals("guest")) {
            return;
        }
        String token = StoreResource.tokens().mint(role, tokenOrg, subject, 600);
        assertError(function.joinCheck(Api.event(JoinCheckFunction.SEATS, Map.of("org", pathOrg, "group", "g"),
                null, token)), 403, "FORBIDDEN");
    }

    @org.junit.jupiter.api.Test
    void aMemberMayJoinForItself() {
        String token = StoreResource.tokens().mint("member", ORG, "u1", 600);
        APIGatewayV2HTTPResponse r = function.joinCheck(
                Api.event(JoinCheckFunction.JOIN, Map.of("org", ORG, "group", "g"), Api.userBody("u1"), token));
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals("ADMITTED", Api.body(r).get("decision").asText());
    }

    static void assertError(APIGatewayV2HTTPResponse r, int status, String code) {
        assertEquals(status, r.getStatusCode(), r.getBody());
        JsonNode body = Api.body(r);
        assertEquals(code, body.get("error").asText());
        assertEquals(true, body.hasNonNull("message"));
    }






}
