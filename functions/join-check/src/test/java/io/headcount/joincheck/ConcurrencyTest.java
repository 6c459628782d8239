package io.headcount.joincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * 300 joins at once through the real handler, each thread standing for a separate Lambda instance. The emulator
 * serves one request at a time, so a read-then-write race would over-admit here exactly as on DynamoDB.
 */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class ConcurrencyTest extends StoreTest {
    static final int JOINERS = 300;
    static final int CAP = 15;
    /**
     * Pools are filled by fewer joiners into smaller groups: every full group sends all remaining joiners racing for
     * the same next seat, and moto copies the whole table on each transaction, so a 300-joiner pool would take
     * many minutes here while proving nothing more.
     */
    static final int POOL_JOINERS = 60;
    static final int POOL_CAP = 5;
    static final int ROUNDS = Integer.getInteger("headcount.concurrency.rounds", 3);

    @Inject
    JoinCheckFunction function;

    @Test
    void aCapOf15HoldsAgainst300ConcurrentJoins() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            StoreResource.fresh();
            Fixtures fx = new Fixtures(table, client);
            String org = Fixtures.newOrg("deny");
            fx.group(org, "g", GroupKind.FUNCTION, "sales", CAP, OverflowMode.DENY);
            fx.members(org, "u", JOINERS, "sales");

            List<JsonNode> answers = joinAll(org, JOINERS, i -> "g");
            Map<String, Long> decisions = count(answers);
            assertEquals(CAP, decisions.getOrDefault("ADMITTED", 0L), decisions.toString());
            assertEquals(JOINERS - CAP, decisions.getOrDefault("DENIED", 0L), decisions.toString());
            assertTrue(answers.stream().filter(a -> a.get("decision").asText().equals("DENIED"))
                    .allMatch(a -> a.get("reason").asText().equals("GROUP_FULL")));
            assertConsistent(fx, org, CAP);

            List<JsonNode> again = joinAll(org, JOINERS, i -> "g");
            assertEquals(decisions, count(again), "a repeat run answers the same");
            assertConsistent(fx, org, CAP);
        }
    }

    @Test
    void aRedirectPoolNeverExceedsItsCapsAndSeatsEachJoinerOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            StoreResource.fresh();
            Fixtures fx = new Fixtures(table, client);
            String org = Fixtures.newOrg("redir");
            for (String g : List.of("a", "b", "c")) {
                fx.group(org, g, GroupKind.FUNCTION, "sales", POOL_CAP, OverflowMode.REDIRECT);
            }
            fx.members(org, "u", POOL_JOINERS, "sales");
            Map<String, Long> decisions = count(joinAll(org, POOL_JOINERS, i -> List.of("a", "b", "c").get(i % 3)));
            long seated = decisions.getOrDefault("ADMITTED", 0L) + decisions.getOrDefault("REDIRECTED", 0L);
            assertEquals(3 * POOL_CAP, seated, decisions.toString());
            assertEquals(POOL_JOINERS - 3 * POOL_CAP, decisions.getOrDefault("DENIED", 0L));
            assertConsistent(fx, org, 3 * POOL_CAP);
        }
    }

    @Test
    void anOverflowPoolGivesEveryJoinerExactlyOneSeat() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            StoreResource.fresh();
            Fixtures fx = new Fixtures(table, client);
            String org = Fixtures.newOrg("over");
            fx.group(org, "east", GroupKind.FUNCTION, "sales", POOL_CAP, OverflowMode.OPEN_OVERFLOW);
            fx.members(org, "u", POOL_JOINERS, "sales");
            List<JsonNode> answers = joinAll(org, POOL_JOINERS, i -> "east");
            Map<String, Long> decisions = count(answers);
            assertEquals(POOL_JOINERS, decisions.getOrDefault("ADMITTED", 0L)
                    + decisions.getOrDefault("REDIRECTED", 0L) + decisions.getOrDefault("OVERFLOW_OPENED", 0L),
                    decisions.toString());
            List<Group> groups = fx.groupsOf(org);
            assertTrue(groups.size() >= POOL_JOINERS / POOL_CAP, "groups: " + groups.size());
            assertConsistent(fx, org, POOL_JOINERS);
            for (int i = 0; i < POOL_JOINERS; i++) {
                assertEquals(1, fx.storedMember(org, "u" + i).groupCount(), "u" + i + " has one seat");
            }
            assertEquals(POOL_JOINERS, fx.poolSeats(org, GroupKind.FUNCTION, "sales"));
            List<JsonNode> again = joinAll(org, POOL_JOINERS, i -> "east");
            assertEquals(answers.stream().map(a -> a.get("groupId").asText()).toList(),
                    again.stream().map(a -> a.get("groupId").asText()).toList(), "retries land where they did");
            assertConsistent(fx, org, POOL_JOINERS);
        }
    }

    @Test
    void joinsAndLeavesRacingOnAWaitlistKeepSeatsQueueAndCountersInStep() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            StoreResource.fresh();
            Fixtures fx = new Fixtures(table, client);
            String org = Fixtures.newOrg("wait");
            fx.group(org, "w", GroupKind.FUNCTION, "sales", POOL_CAP, OverflowMode.WAITLIST);
            fx.members(org, "u", POOL_JOINERS, "sales");
            String bot = StoreResource.tokens().mint("bot", org, "connector", 600);
            for (int i = 0; i < POOL_CAP; i++) {
                function.joinCheck(Api.event(JoinCheckFunction.JOIN, Map.of("org", org, "group", "w"),
                        Api.userBody("u" + i), bot));
            }
            // The seated leave while everyone else joins: each leave hands its seat to the head of the queue.
            List<JsonNode> answers = race(POOL_JOINERS, i -> Api.event(
                    i < POOL_CAP ? JoinCheckFunction.LEAVE : JoinCheckFunction.JOIN,
                    Map.of("org", org, "group", "w"), Api.userBody("u" + i), bot));
            long promoted = answers.stream().filter(a -> a.hasNonNull("promoted")).count();
            Group w = fx.storedGroup(org, "w");
            assertEquals(fx.seatItems(org, "w"), w.memberCount());
            assertTrue(w.memberCount() <= POOL_CAP);
            assertEquals(fx.queueItems(org, "w"), w.waitlist(), "queue counter equals queue entries");
            assertEquals(POOL_JOINERS - POOL_CAP, w.memberCount() + w.waitlist(), "every joiner seated or queued");
            assertTrue(w.waitlist() == 0 || w.memberCount() == POOL_CAP, "no seat stays free while someone waits");
            for (int i = 0; i < POOL_CAP; i++) {
                assertTrue(answers.get(i).get("left").asBoolean(), "u" + i + " left");
                assertEquals(0, fx.storedMember(org, "u" + i).groupCount());
            }
            assertTrue(promoted <= POOL_CAP);
            int seats = 0;
            for (int i = 0; i < POOL_JOINERS; i++) {
                seats += fx.storedMember(org, "u" + i).groupCount();
            }
            assertEquals(w.memberCount(), seats, "members' group counts add up to the seats");
        }
    }

    /** Every group within its cap, its counter equal to its seat items, and the expected seats in total. */
    private static void assertConsistent(Fixtures fx, String org, int expectedSeats) {
        int seats = 0;
        for (Group g : fx.groupsOf(org)) {
            int items = fx.seatItems(org, g.groupId());
            assertEquals(items, g.memberCount(), "counter of " + g.groupId() + " equals its seat items");
            assertTrue(g.memberCount() <= g.cap(), g.groupId() + " over cap: " + g.memberCount());
            seats += items;
        }
        assertEquals(expectedSeats, seats);
    }

    private List<JsonNode> joinAll(String org, int joiners, Function<Integer, String> groupOf) throws Exception {
        String bot = StoreResource.tokens().mint("bot", org, "connector", 600);
        return race(joiners, n -> Api.event(JoinCheckFunction.JOIN, Map.of("org", org, "group", groupOf.apply(n)),
                Api.userBody("u" + n), bot));
    }

    /** Runs the requests all at once, one thread each, and returns the answers in request order. */
    private List<JsonNode> race(int requests, Function<Integer, APIGatewayV2HTTPEvent> eventOf) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<JsonNode>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                APIGatewayV2HTTPEvent event = eventOf.apply(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    APIGatewayV2HTTPResponse r = function.joinCheck(event);
                    assertEquals(200, r.getStatusCode(), r.getBody());
                    return Api.body(r);
                }));
            }
            start.countDown();
            List<JsonNode> answers = new ArrayList<>();
            for (Future<JsonNode> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Long> count(List<JsonNode> answers) {
        return answers.stream().collect(Collectors.groupingBy(a -> a.get("decision").asText(), Collectors.counting()));
    }
}
