package io.headcount.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every admin route: a bad token is 401, a good token in the wrong role or org is 403 (a member reading its own
 * record aside), and none of them writes anything.
 */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class AdminSecurityTest extends StoreTest {
    static final String ORG = "sec";
    static final String OTHER = "other";
    static final String GROUP_BODY = "{\"name\":\"hijacked\",\"kind\":\"GENERAL\",\"key\":\"all\",\"cap\":500,"
            + "\"admins\":[\"mallory\"]}";
    static final String MEMBER_BODY = "{\"name\":\"hijacked\",\"function\":\"sales\",\"projects\":[],"
            + "\"platformUserIds\":{\"slack\":\"UEVIL\"}}";

    /** route key, path parameters, body: every admin route on the org's existing records. */
    static final List<Object[]> ROUTES = List.of(
            new Object[] {AdminFunction.PUT_GROUP, Map.of("org", ORG, "group", "g"), GROUP_BODY},
            new Object[] {AdminFunction.PUT_GROUP, Map.of("org", ORG, "group", "new"), GROUP_BODY},
            new Object[] {AdminFunction.GET_GROUP, Map.of("org", ORG, "group", "g"), null},
            new Object[] {AdminFunction.LIST_GROUPS, Map.of("org", ORG), null},
            new Object[] {AdminFunction.PUT_MEMBER, Map.of("org", ORG, "user", "u2"), MEMBER_BODY},
            // A platform user id belongs to one member: the second body claims another one.
            new Object[] {AdminFunction.PUT_MEMBER, Map.of("org", ORG, "user", "newbie"),
                    MEMBER_BODY.replace("UEVIL", "UEVIL2")},
            new Object[] {AdminFunction.GET_MEMBER, Map.of("org", ORG, "user", "u2"), null},
            new Object[] {AdminFunction.PUT_CONNECTOR, Map.of("org", ORG, "platform", "slack"),
                    "{\"signingSecret\":\"attacker-chosen-secret\"}"},
            new Object[] {AdminFunction.GET_CONNECTOR, Map.of("org", ORG, "platform", "slack"), null},
            new Object[] {AdminFunction.PUT_WEBHOOK, Map.of("org", ORG, "group", "g"),
                    "{\"platform\":\"slack\",\"url\":\"https://hooks.slack.com/services/T/B/attacker\"}"},
            new Object[] {AdminFunction.GET_WEBHOOK, Map.of("org", ORG, "group", "g"), null},
            new Object[] {AdminFunction.PUT_POLICY, Map.of("org", ORG), "{\"cap\":200,\"overflow\":\"DENY\"}"},
            new Object[] {AdminFunction.GET_POLICY, Map.of("org", ORG), null},
            new Object[] {AdminFunction.IMPORT_MEMBERS, Map.of("org", ORG),
                    "{\"members\":[{\"userId\":\"u3\",\"name\":\"hijacked\",\"function\":\"sales\"}]}"},
            new Object[] {AdminFunction.ARCHIVE_GROUP, Map.of("org", ORG, "group", "g"), null});

    @Inject
    AdminFunction function;


    @BeforeEach
    void setUp() {
        fx.group(ORG, "g", GroupKind.FUNCTION, "sales", 5, OverflowMode.DENY);
        fx.member(ORG, "u1", "sales", List.of());
        fx.member(ORG, "u2", "sales", List.of());
        fx.group(OTHER, "g", GroupKind.FUNCTION, "sales", 5, OverflowMode.DENY);
        fx.member(OTHER, "u1", "sales", List.of());
        fx.member(OTHER, "u2", "sales", List.of());
    }

    APIGatewayV2HTTPResponse call(Object[] route, String token) {
        @SuppressWarnings("unchecked")
        Map<String, String> params = (Map<String, String>) route[1];
        return function.admin(Api.event((String) route[0], params, (String) route[2], token));
    }


    static Stream<Arguments> unauthenticated() {
        return HostileTokens.unauthenticated(ORG, "admin", "boss");
    }

    @ParameterizedTest(name = "{0} -> 401")
    @MethodSource("unauthenticated")
    void badTokensAre401AndWriteNothing(String name, TokenSource token) throws Exception {
        String before = fx.snapshot();
        String t = token.get();
        for (Object[] route : ROUTES) {
            assertError(call(route, t), 401, "UNAUTHORIZED", route[0]);
        }
        assertEquals(before, fx.snapshot(), "nothing written");
    }

    @Test
    void aBearerSchemeIsRequired() {
        String good = StoreResource.tokens().mint("admin", ORG, "boss", 600);
        for (String header : List.of("Basic " + good, good, "Token " + good)) {
            for (Object[] route : ROUTES) {
                @SuppressWarnings("unchecked")
                Map<String, String> params = (Map<String, String>) route[1];
                APIGatewayV2HTTPEvent event = Api.event((String) route[0], params, (String) route[2], null);
                event.getHeaders().put("authorization", header);
                assertError(function.admin(event), 401, "UNAUTHORIZED", route[0]);
            }
        }
    }

    static Stream<Arguments> forbidden() {
        return Stream.of(
                Arguments.of("member", "member", ORG, "u1"),
                Arguments.of("bot", "bot", ORG, "connector"),
                Arguments.of("group-admin", "group-admin", ORG, "u1"),
                Arguments.of("no known role", "guest", ORG, "u1"),
                Arguments.of("admin of another org", "admin", OTHER, "boss"),
                Arguments.of("member of another org with the same subject", "member", OTHER, "u2"),
                Arguments.of("bot of another org", "bot", OTHER, "connector"));
    }

    @ParameterizedTest(name = "{0} -> 403")
    @MethodSource("forbidden")
    void wrongRoleOrOrgIs403AndWritesNothing(String name, String role, String tokenOrg, String subject) {
        String token = StoreResource.tokens().mint(role, tokenOrg, subject, 600);
        String before = fx.snapshot();
        for (Object[] route : ROUTES) {
            APIGatewayV2HTTPResponse r = call(route, token);
            assertError(r, 403, "FORBIDDEN", route[0]);
            assertFalse(r.getBody().contains("群 g") || r.getBody().contains("成员"), "no data leaks: " + r.getBody());
        }
        assertEquals(before, fx.snapshot(), "nothing written");
    }

    @ParameterizedTest(name = "{0}: bad bodies and unknown ids are still 403")
    @MethodSource("forbidden")
    void theAnswerToAnOutsiderDoesNotDependOnTheInput(String name, String role, String tokenOrg, String subject) {
        String token = StoreResource.tokens().mint(role, tokenOrg, subject, 600);
        String before = fx.snapshot();
        List<APIGatewayV2HTTPEvent> events = List.of(
                Api.event(AdminFunction.PUT_GROUP, Map.of("org", ORG, "group", "g"), "{", token),
                Api.event(AdminFunction.PUT_GROUP, Map.of("org", ORG, "group", "g"), "{\"cap\":0}", token),
                Api.event(AdminFunction.PUT_GROUP, Map.of("org", ORG, "group", "g"),
                        "{\"pad\":\"" + "x".repeat(70_000) + "\"}", token),
                Api.event(AdminFunction.GET_GROUP, Map.of("org", ORG, "group", "ghost"), null, token),
                Api.event(AdminFunction.PUT_MEMBER, Map.of("org", ORG, "user", "u2"), "[]", token),
                Api.event(AdminFunction.GET_MEMBER, Map.of("org", ORG, "user", "ghost"), null, token),
                Api.event(AdminFunction.IMPORT_MEMBERS, Map.of("org", ORG), "userId\n\"broken", token),
                Api.event(AdminFunction.IMPORT_MEMBERS, Map.of("org", ORG), "{\"members\":{}}", token),
                Api.event(AdminFunction.ARCHIVE_GROUP, Map.of("org", ORG, "group", "ghost"), null, token));
        for (APIGatewayV2HTTPEvent event : events) {
            assertError(function.admin(event), 403, "FORBIDDEN", event.getRouteKey());
        }
        APIGatewayV2HTTPEvent list = Api.event(AdminFunction.LIST_GROUPS, Map.of("org", ORG), null, token);
        list.setQueryStringParameters(Map.of("after", "!!garbage!!"));
        assertError(function.admin(list), 403, "FORBIDDEN", list.getRouteKey());
        assertEquals(before, fx.snapshot());
    }

    @Test
    void aMemberMayReadItselfButNotWriteItself() {
        String u1 = StoreResource.tokens().mint("member", ORG, "u1", 600);
        APIGatewayV2HTTPResponse read = function.admin(
                Api.event(AdminFunction.GET_MEMBER, Map.of("org", ORG, "user", "u1"), null, u1));
        assertEquals(200, read.getStatusCode(), read.getBody());
        assertEquals("u1", Api.body(read).get("userId").asText());

        String before = fx.snapshot();
        APIGatewayV2HTTPResponse write = function.admin(
                Api.event(AdminFunction.PUT_MEMBER, Map.of("org", ORG, "user", "u1"), MEMBER_BODY, u1));
        assertError(write, 403, "FORBIDDEN", AdminFunction.PUT_MEMBER);
        assertEquals(before, fx.snapshot());
    }

    @Test
    void theSameSubjectInAnotherOrgMayNotReadThisOrgsRecord() {
        String foreign = StoreResource.tokens().mint("member", OTHER, "u1", 600);
        assertError(function.admin(Api.event(AdminFunction.GET_MEMBER, Map.of("org", ORG, "user", "u1"), null,
                foreign)), 403, "FORBIDDEN", AdminFunction.GET_MEMBER);
    }

    @Test
    void aTokenWithoutAnOrgIsForbidden() {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> c = HostileTokens.claims(ORG, "admin", "boss", now, 600);
        c.put("groups", List.of("admin"));
        c.remove("org");
        String token = StoreResource.tokens().mint(c);
        String before = fx.snapshot();
        for (Object[] route : ROUTES) {
            assertError(call(route, token), 403, "FORBIDDEN", route[0]);
        }
        assertEquals(before, fx.snapshot());
    }

    @Test
    void theAdminOfTheOrgIsAllowedEverywhere() {
        String admin = StoreResource.tokens().mint("admin", ORG, "boss", 600);
        for (Object[] route : ROUTES) {
            APIGatewayV2HTTPResponse r = call(route, admin);
            assertEquals(200, r.getStatusCode(), route[0] + ": " + r.getBody());
        }
        assertEquals("hijacked", fx.storedGroup(ORG, "g").name(), "the control: these bodies do write for admins");
        assertEquals("hijacked", fx.storedMember(ORG, "u3").name());
        assertEquals(io.headcount.domain.GroupStatus.ARCHIVED, fx.storedGroup(ORG, "g").status());
        assertEquals(io.headcount.domain.GroupStatus.ACTIVE, fx.storedGroup(OTHER, "g").status());
        assertEquals("群 g", fx.storedGroup(OTHER, "g").name(), "and never in another org");
        assertEquals("成员 u2", fx.storedMember(OTHER, "u2").name());
    }

    static void assertError(APIGatewayV2HTTPResponse r, int status, String code, Object route) {
        assertEquals(status, r.getStatusCode(), route + ": " + r.getBody());
        assertEquals("application/json; charset=utf-8", r.getHeaders().get("Content-Type"));
        JsonNode body = Api.body(r);
        assertEquals(code, body.get("error").asText(), route + ": " + r.getBody());
        assertTrue(body.hasNonNull("message"));
    }






}
