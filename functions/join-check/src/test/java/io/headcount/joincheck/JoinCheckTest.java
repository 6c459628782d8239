package io.headcount.joincheck;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OverflowMode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every join-check outcome through the real handler against the emulator. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class JoinCheckTest extends StoreTest {
    @Inject
    JoinCheckFunction function;
    String org;
    String bot;

    @BeforeEach
    void setUp() {
        org = Fixtures.newOrg("jc");
        bot = StoreResource.tokens().mint("bot", org, "connector", 300);
    }

    JsonNode join(String group, String user) {
        return call(JoinCheckFunction.JOIN, group, user, bot, 200);
    }

    JsonNode leave(String group, String user) {
        return call(JoinCheckFunction.LEAVE, group, user, bot, 200);
    }

    JsonNode call(String route, String group, String user, String token, int expectedStatus) {
        APIGatewayV2HTTPResponse r = function.joinCheck(
                Api.event(route, Map.of("org", org, "group", group), user == null ? null : Api.userBody(user), token));
        assertEquals(expectedStatus, r.getStatusCode(), r.getBody());
        return Api.body(r);
    }

    @Test
    void admitsWithWelcomeAndCountsTheSeat() {
        fx.group(org, "east", GroupKind.FUNCTION, "sales", 3, OverflowMode.DENY);
        fx.member(org, "u1", "sales", List.of());
        JsonNode answer = join("east", "u1");
        assertEquals("ADMITTED", answer.get("decision").asText());
        assertEquals("east", answer.get("groupId").asText());
        assertTrue(answer.get("message").asText().contains("欢迎 成员 u1！"), answer.toString());
        assertEquals(1, fx.storedGroup(org, "east").memberCount());
        assertEquals(1, fx.seatItems(org, "east"));
        assertEquals(1, fx.storedMember(org, "u1").groupCount());
    }

    @Test
    void aRetriedJoinGivesTheSameAnswerAndOneSeat() {
        fx.group(org, "east", GroupKind.FUNCTION, "sales", 3, OverflowMode.DENY);
        fx.member(org, "u1", "sales", List.of());
        JsonNode first = join("east", "u1");
        for (int i = 0; i < 5; i++) {
            assertEquals(first, join("east", "u1"));
        }
        assertEquals(1, fx.storedGroup(org, "east").memberCount());
        assertEquals(1, fx.seatItems(org, "east"));
        assertEquals(1, fx.storedMember(org, "u1").groupCount());
    }

    @Test
    void aRetriedRedirectGivesTheSameAnswer() {
        fx.group(org, "a", GroupKind.FUNCTION, "sales", 1, OverflowMode.REDIRECT);
        fx.group(org, "b", GroupKind.FUNCTION, "sales", 2, OverflowMode.REDIRECT);
        fx.members(org, "u", 2, "sales");
        join("a", "u0");
        JsonNode first = join("a", "u1");
        assertEquals("REDIRECTED", first.get("decision").asText());
        assertEquals("b", first.get("groupId").asText());
        for (int i = 0; i < 5; i++) {
            assertEquals(first, join("a", "u1"));
        }
        assertEquals(1, fx.storedGroup(org, "b").memberCount());
        assertEquals(1, fx.poolSeats(org, GroupKind.FUNCTION, "sales") - 1);
    }

    @Test
    void aMemberOfTheGroupAskingLaterIsAlreadyAMemberOfASibling() {
        fx.group(org, "a", GroupKind.FUNCTION, "sales", 5, OverflowMode.REDIRECT);
        fx.group(org, "b", GroupKind.FUNCTION, "sales", 5, OverflowMode.REDIRECT);
        fx.member(org, "u1", "sales", List.of());
        join("b", "u1");
        JsonNode again = join("a", "u1");
        assertEquals("ALREADY_MEMBER", again.get("decision").asText());
        assertEquals("b", again.get("groupId").asText());
        assertEquals(0, fx.storedGroup(org, "a").memberCount());
    }

    @Test
    void deniesWithReasonCodes() {
        fx.group(org, "sales", GroupKind.FUNCTION, "sales", 1, OverflowMode.DENY);
        fx.group(org, "proj", GroupKind.PROJECT, "p1", 5, OverflowMode.DENY);
        fx.member(org, "s1", "sales", List.of());
        fx.member(org, "s2", "sales", List.of());
        fx.member(org, "after", "after-sales", List.of());
        assertEquals("ADMITTED", join("sales", "s1").get("decision").asText());
        assertDenied(join("sales", "s2"), "GROUP_FULL");
        assertDenied(join("sales", "after"), "NOT_ELIGIBLE");
        assertDenied(join("proj", "s2"), "NOT_ELIGIBLE");
        assertDenied(join("sales", "ghost"), "UNKNOWN_MEMBER");
        assertEquals(1, fx.storedGroup(org, "sales").memberCount());
        assertEquals(0, fx.storedGroup(org, "proj").memberCount());
    }

    @Test
    void deniesTooManyGroups() {
        for (int i = 0; i < 6; i++) {
            fx.group(org, "g" + i, GroupKind.GENERAL, "k" + i, 5, OverflowMode.DENY);
        }
        fx.member(org, "busy", "sales", List.of());
        for (int i = 0; i < 5; i++) {
            assertEquals("ADMITTED", join("g" + i, "busy").get("decision").asText());
        }
        assertDenied(join("g5", "busy"), "TOO_MANY_GROUPS");
        assertEquals(5, fx.storedMember(org, "busy").groupCount());
    }

    @Test
    void redirectsToTheEmptiestSibling() {
        fx.group(org, "a", GroupKind.FUNCTION, "sales", 1, OverflowMode.REDIRECT);
        fx.group(org, "b", GroupKind.FUNCTION, "sales", 3, OverflowMode.REDIRECT);
        fx.group(org, "c", GroupKind.FUNCTION, "sales", 5, OverflowMode.REDIRECT);
        fx.group(org, "other", GroupKind.FUNCTION, "service", 50, OverflowMode.REDIRECT);
        fx.members(org, "u", 3, "sales");
        join("a", "u0");
        JsonNode redirected = join("a", "u1");
        assertEquals("REDIRECTED", redirected.get("decision").asText());
        assertEquals("c", redirected.get("groupId").asText());
        assertTrue(redirected.get("message").asText().contains("群 c"), redirected.toString());
    }

    @Test
    void opensANumberedOverflowGroupWhenThePoolIsFull() {
        Group base = fx.group(org, "east", GroupKind.FUNCTION, "sales", 2, OverflowMode.OPEN_OVERFLOW);
        fx.members(org, "u", 5, "sales");
        join("east", "u0");
        join("east", "u1");
        JsonNode opened = join("east", "u2");
        assertEquals("OVERFLOW_OPENED", opened.get("decision").asText());
        assertEquals("east-2", opened.get("groupId").asText());
        Group overflow = fx.storedGroup(org, "east-2");
        assertEquals(base.name() + " 2", overflow.name());
        assertEquals("east", overflow.overflowOf());
        assertEquals(1, overflow.memberCount());
        assertEquals("REDIRECTED", join("east", "u3").get("decision").asText());
        assertEquals("east-3", join("east", "u4").get("groupId").asText());
    }

    @Test
    void waitlistsAndLeavePromotesTheHead() {
        fx.group(org, "w", GroupKind.FUNCTION, "sales", 1, OverflowMode.WAITLIST);
        fx.members(org, "u", 3, "sales");
        join("w", "u0");
        JsonNode first = join("w", "u1");
        assertEquals("WAITLISTED", first.get("decision").asText());
        assertEquals(1, first.get("position").asInt());
        assertEquals(2, join("w", "u2").get("position").asInt());
        assertEquals(first, join("w", "u1"), "a retried waitlisting keeps its place");
        JsonNode left = leave("w", "u0");
        assertTrue(left.get("left").asBoolean());
        assertEquals("u1", left.get("promoted").asText());
        Group after = fx.storedGroup(org, "w");
        assertEquals(1, after.memberCount());
        assertEquals(1, after.waitlist());
        assertEquals(1, fx.seatItems(org, "w"));
        assertEquals(1, fx.queueItems(org, "w"), "one queue entry left, for u2");
        assertEquals(1, fx.storedMember(org, "u1").groupCount());
        assertEquals(0, fx.storedMember(org, "u0").groupCount());
        assertEquals(1, join("w", "u2").get("position").asInt(), "u2 moved up");
    }

    @Test
    void leaveFreesTheSeatAndIsSafeToRepeat() {
        fx.group(org, "g", GroupKind.FUNCTION, "sales", 2, OverflowMode.DENY);
        fx.member(org, "u1", "sales", List.of());
        join("g", "u1");
        assertTrue(leave("g", "u1").get("left").asBoolean());
        assertFalse(leave("g", "u1").get("left").asBoolean());
        assertEquals(0, fx.storedGroup(org, "g").memberCount());
        assertEquals(0, fx.seatItems(org, "g"));
        assertEquals(0, fx.poolSeats(org, GroupKind.FUNCTION, "sales"));
        assertEquals("ADMITTED", join("g", "u1").get("decision").asText(), "and the member can come back");
    }

    @Test
    void seatsReportsFillLevel() {
        fx.group(org, "g", GroupKind.FUNCTION, "sales", 4, OverflowMode.DENY);
        fx.members(org, "u", 3, "sales");
        for (int i = 0; i < 3; i++) {
            join("g", "u" + i);
        }
        JsonNode seats = call(JoinCheckFunction.SEATS, "g", null,
                StoreResource.tokens().mint("member", org, "u0", 60), 200);
        assertEquals(4, seats.get("cap").asInt());
        assertEquals(3, seats.get("members").asInt());
        assertEquals(1, seats.get("free").asInt());
        assertEquals(0, seats.get("waitlist").asInt());
    }

    @Test
    void englishMessagesFollowThePolicy() {
        table.update(io.headcount.adapters.Write.update(io.headcount.adapters.Keys.policy(org), "SET #language = :en")
                .value(":en", "en"));
        fx.group(org, "g", GroupKind.FUNCTION, "sales", 4, OverflowMode.DENY);
        assertTrue(join("g", "nobody").get("message").asText().contains("roster"));
    }

    @Test
    void theLambdaEntryPointAnswersThroughTheRuntimeApi() throws Exception {
        fx.group(org, "g", GroupKind.FUNCTION, "sales", 4, OverflowMode.DENY);
        fx.member(org, "u1", "sales", List.of());
        String event = Api.JSON.writeValueAsString(
                Api.event(JoinCheckFunction.JOIN, Map.of("org", org, "group", "g"), Api.userBody("u1"), bot));
        String response = given().contentType("application/json").body(event).when().post()
                .then().statusCode(200).body("statusCode", equalTo(200)).extract().asString();
        JsonNode body = Api.JSON.readTree(Api.JSON.readTree(response).get("body").asText());
        assertEquals("ADMITTED", body.get("decision").asText());
        assertEquals(1, fx.storedGroup(org, "g").memberCount());
    }

    private static void assertDenied(JsonNode answer, String reason) {
        assertEquals("DENIED", answer.get("decision").asText(), answer.toString());
        assertEquals(reason, answer.get("reason").asText(), answer.toString());
    }
}
