package io.headcount.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Keys;
import io.headcount.adapters.StoreCalls;
import io.headcount.domain.GroupKind;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.OverflowMode;
import io.headcount.localkit.FaultProxy;
import io.headcount.seating.JoinAnswer;
import io.headcount.seating.Seating;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /orgs/{org}/groups/{group}/archive: every seat given back once, the queue gone, joins refused after. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class ArchiveTest extends StoreTest {
    @Inject
    AdminFunction function;
    @Inject
    Seating seating;

    String org;
    String admin;

    @BeforeEach
    void setUp() {
        org = Fixtures.newOrg("arc");
        admin = StoreResource.tokens().mint("admin", org, "boss", 600);
    }

    APIGatewayV2HTTPResponse archive(String groupId) {
        return function.admin(Api.event(AdminFunction.ARCHIVE_GROUP, Map.of("org", org, "group", groupId), null,
                admin));
    }

    /**
     * A full cap-12 group with two people waiting; the 12 seated also sit in a general group (so their counts start
     * at 2, and one seat elsewhere must survive the archive).
     */
    void fullGroupWithAQueue() {
        fx.group(org, "east", GroupKind.FUNCTION, "sales", 12, OverflowMode.WAITLIST);
        fx.group(org, "all", GroupKind.GENERAL, "all", 500, OverflowMode.DENY);
        for (int i = 0; i < 14; i++) {
            fx.member(org, "m" + i, "sales", List.of());
        }
        for (int i = 0; i < 12; i++) {
            assertEquals("ADMITTED", seating.join(org, "all", "m" + i).decision());
            assertEquals("ADMITTED", seating.join(org, "east", "m" + i).decision());
        }
        assertEquals("WAITLISTED", seating.join(org, "east", "m12").decision());
        assertEquals("WAITLISTED", seating.join(org, "east", "m13").decision());
        assertEquals(12, fx.storedGroup(org, "east").memberCount());
        assertEquals(2, fx.storedGroup(org, "east").waitlist());
        assertEquals(12, fx.poolSeats(org, GroupKind.FUNCTION, "sales"));
    }

    Map<String, Integer> groupCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (int i = 0; i < 14; i++) {
            counts.put("m" + i, fx.storedMember(org, "m" + i).groupCount());
        }
        return counts;
    }

    void assertArchived(JsonNode view) {
        assertEquals("east", view.get("groupId").asText());
        assertEquals("ARCHIVED", view.get("status").asText());
        assertEquals(0, view.get("members").asInt());
        assertEquals(0, view.get("waitlist").asInt());
        assertEquals(GroupStatus.ARCHIVED, fx.storedGroup(org, "east").status());
        assertEquals(0, fx.storedGroup(org, "east").memberCount());
        assertEquals(0, fx.storedGroup(org, "east").waitlist());
        assertEquals(0, fx.seatItems(org, "east"), "no seat left");
        assertEquals(0, fx.queueItems(org, "east"), "no queue entry left");
        assertEquals(0, table.query(Keys.groupPartition(org, "east"), Keys.queueTicketPrefix(), 10, null).items()
                .size(), "no queue ticket left");
        assertEquals(0, fx.poolSeats(org, GroupKind.FUNCTION, "sales"), "no pool seat left");
        assertEquals(12, fx.seatItems(org, "all"), "the seats of other groups stay");
        assertEquals(12, fx.storedGroup(org, "all").memberCount());
        Map<String, Integer> counts = groupCounts();
        for (int i = 0; i < 12; i++) {
            assertEquals(1, counts.get("m" + i), "m" + i + " is down by one, to the general group only");
        }
        assertEquals(0, counts.get("m12"), "the waiting never had a seat to give back");
        assertEquals(0, counts.get("m13"));
    }

    @Test
    void archivingGivesEverySeatBackOnceAndRefusesJoinsAfterwards() {
        fullGroupWithAQueue();
        assertEquals(List.of(2, 2, 2), groupCounts().values().stream().limit(3).toList());

        long started = System.nanoTime();
        APIGatewayV2HTTPResponse r = archive("east");
        System.out.printf("ARCHIVE 12 seats, 2 waiting: %d ms, %d DynamoDB requests %s%n",
                (System.nanoTime() - started) / 1_000_000, StoreCalls.count(), StoreCalls.byOperation());
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertArchived(Api.body(r));
        assertEquals(12, StoreCalls.byOperation().get("TransactWriteItems"), "one transaction per seat");

        JoinAnswer again = seating.join(org, "east", "m0");
        assertEquals("DENIED", again.decision());
        assertEquals("GROUP_ARCHIVED", again.reason());
        assertEquals("GROUP_ARCHIVED", seating.join(org, "east", "m13").reason());
        assertEquals(0, fx.seatItems(org, "east"));
    }

    @Test
    void archivingTwiceChangesNothingMore() {
        fullGroupWithAQueue();
        APIGatewayV2HTTPResponse first = archive("east");
        assertEquals(200, first.getStatusCode(), first.getBody());
        String after = fx.snapshot();

        APIGatewayV2HTTPResponse second = archive("east");
        assertEquals(200, second.getStatusCode(), second.getBody());
        assertEquals(Api.body(first), Api.body(second));
        assertArchived(Api.body(second));
        assertEquals(after, fx.snapshot(), "the second call writes nothing that changes anything");
    }

    @Test
    void aCallCutShortIsFinishedByTheNext() {
        fullGroupWithAQueue();
        // The store vanishes part way: after the status, the queue and a few seats.
        StoreResource.proxy().failAfter(14, FaultProxy.Fault.DROP);
        APIGatewayV2HTTPResponse broken = archive("east");
        StoreResource.proxy().heal();
        assertEquals(503, broken.getStatusCode(), broken.getBody());
        assertEquals("STORE_UNAVAILABLE", Api.body(broken).get("error").asText());
        int left = fx.seatItems(org, "east");
        assertTrue(left > 0 && left < 12, "cut short half way: " + left + " seats left");
        assertEquals(GroupStatus.ARCHIVED, fx.storedGroup(org, "east").status(), "no one joins meanwhile");
        assertEquals("GROUP_ARCHIVED", seating.join(org, "east", "m13").reason());

        APIGatewayV2HTTPResponse r = archive("east");
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertArchived(Api.body(r));
    }

    @Test
    void anUnknownGroupIs404AndWritesNothing() {
        fx.group(org, "east", GroupKind.FUNCTION, "sales", 12, OverflowMode.WAITLIST);
        String before = fx.snapshot();
        APIGatewayV2HTTPResponse r = archive("west");
        assertEquals(404, r.getStatusCode(), r.getBody());
        assertEquals("NOT_FOUND", Api.body(r).get("error").asText());
        String other = StoreResource.tokens().mint("admin", "elsewhere", "boss", 600);
        APIGatewayV2HTTPResponse foreign = function.admin(Api.event(AdminFunction.ARCHIVE_GROUP,
                Map.of("org", "elsewhere", "group", "east"), null, other));
        assertEquals(404, foreign.getStatusCode(), "another org's group of that id is not this org's");
        assertEquals(before, fx.snapshot());
    }
}
