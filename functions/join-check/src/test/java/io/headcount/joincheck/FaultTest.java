package io.headcount.joincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store throttles or vanishes in the middle of a request (after the reads, at the write): the caller gets 503
 * with the JSON error, and counters and items still agree because every change is one transaction.
 */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class FaultTest extends StoreTest {
    /** A new org per test: the function remembers what it read, and a fresh org makes it read again. */
    String ORG;

    @Inject
    JoinCheckFunction function;
    String bot;

    @BeforeEach
    void setUp() {
        ORG = Fixtures.newOrg("fault");
        bot = StoreResource.tokens().mint("bot", ORG, "connector", 600);
    }

    @AfterEach
    void heal() {
        StoreResource.proxy().heal();
    }

    APIGatewayV2HTTPResponse call(String route, String group, String user) {
        return function.joinCheck(Api.event(route, Map.of("org", ORG, "group", group), Api.userBody(user), bot));
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void admissionFailingAtTheWriteChangesNothing(Fault fault) {
        fx.group(ORG, "g", GroupKind.FUNCTION, "sales", 5, OverflowMode.DENY);
        fx.member(ORG, "u1", "sales", List.of());
        String before = fx.snapshot();
        StoreResource.proxy().failAfter(1, fault);
        SecurityTest.assertError(call(JoinCheckFunction.JOIN, "g", "u1"), 503, "STORE_UNAVAILABLE");
        StoreResource.proxy().heal();
        assertEquals(before, fx.snapshot());
        assertEquals("ADMITTED", Api.body(call(JoinCheckFunction.JOIN, "g", "u1")).get("decision").asText());
        assertAgree("g", 1);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void anAdmissionFromRememberedFactsFailingAtItsOneWriteChangesNothing(Fault fault) {
        fx.group(ORG, "g", GroupKind.FUNCTION, "sales", 5, OverflowMode.DENY);
        fx.members(ORG, "u", 2, "sales");
        call(JoinCheckFunction.JOIN, "g", "u0");
        call(JoinCheckFunction.JOIN, "g", "u1");
        call(JoinCheckFunction.LEAVE, "g", "u1");
        String before = fx.snapshot();
        StoreResource.proxy().failAfter(0, fault);
        SecurityTest.assertError(call(JoinCheckFunction.JOIN, "g", "u1"), 503, "STORE_UNAVAILABLE");
        StoreResource.proxy().heal();
        assertEquals(before, fx.snapshot());
        assertAgree("g", 1);
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void anUnreachableStoreIs503(Fault fault) {
        fx.group(ORG, "g", GroupKind.FUNCTION, "sales", 5, OverflowMode.DENY);
        fx.member(ORG, "u1", "sales", List.of());
        String before = fx.snapshot();
        StoreResource.proxy().failAfter(0, fault);
        SecurityTest.assertError(call(JoinCheckFunction.JOIN, "g", "u1"), 503, "STORE_UNAVAILABLE");
        SecurityTest.assertError(call(JoinCheckFunction.SEATS, "g", "u1"), 503, "STORE_UNAVAILABLE");
        StoreResource.proxy().heal();
        assertEquals(before, fx.snapshot());
    }

    @Test
    void openingAnOverflowGroupFailingAtTheWriteOpensNothing() {
        fx.group(ORG, "east", GroupKind.FUNCTION, "sales", 1, OverflowMode.OPEN_OVERFLOW);
        fx.members(ORG, "u", 2, "sales");
        call(JoinCheckFunction.JOIN, "east", "u0");
        String before = fx.snapshot();
        StoreResource.proxy().failAfter(2, Fault.THROTTLE);
        SecurityTest.assertError(call(JoinCheckFunction.JOIN, "east", "u1"), 503, "STORE_UNAVAILABLE");
        StoreResource.proxy().heal();
        assertEquals(before, fx.snapshot());
        assertEquals(1, fx.groupsOf(ORG).size());
    }

    @Test
    void leaveWithPromotionFailingAtTheWriteChangesNothing() {
        fx.group(ORG, "w", GroupKind.FUNCTION, "sales", 1, OverflowMode.WAITLIST);
        fx.members(ORG, "u", 2, "sales");
        call(JoinCheckFunction.JOIN, "w", "u0");
        call(JoinCheckFunction.JOIN, "w", "u1");
        String before = fx.snapshot();
        StoreResource.proxy().failAfter(2, Fault.DROP);
        SecurityTest.assertError(call(JoinCheckFunction.LEAVE, "w", "u0"), 503, "STORE_UNAVAILABLE");
        StoreResource.proxy().heal();
        assertEquals(before, fx.snapshot());
        assertAgree("w", 1);
        assertEquals("u1", Api.body(call(JoinCheckFunction.LEAVE, "w", "u0")).get("promoted").asText());
        assertAgree("w", 1);
    }

    private void assertAgree(String group, int seats) {
        assertEquals(seats, fx.seatItems(ORG, group));
        assertEquals(seats, fx.storedGroup(ORG, group).memberCount());
        assertEquals(seats, fx.poolSeats(ORG, GroupKind.FUNCTION, "sales"));
    }
}
