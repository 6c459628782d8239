package io.headcount.regroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headcount.adapters.Attrs;
import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.SeatItems;
import io.headcount.adapters.Table;
import io.headcount.domain.Group;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/** What must hold in an org's items whatever happened to it, and its items in a form two orgs can be compared in. */
final class Invariants {

    private Invariants() {
    }

    /**
     * Every group's memberCount is its seat items, every member's groupCount is their seats, each member sits at most
     * once per pool, and pool seats and seats point at each other.
     */
    static void hold(Table table, String org) {
        List<Group> groups = table.queryAll(Keys.org(org), Keys.groupPrefix(), false).stream().map(GroupItems::from)
                .toList();
        Map<String, Integer> seatsPerMember = new HashMap<>();
        Set<String> poolsSat = new HashSet<>();
        Map<String, String> expectedPoolSeats = new TreeMap<>();
        Set<String> pools = new HashSet<>();
        for (Group g : groups) {
            String pool = Keys.pool(org, g);
            pools.add(pool);
            List<Map<String, AttributeValue>> seats = table.queryAll(Keys.groupPartition(org, g.groupId()),
                    Keys.seatPrefix(), false);
            assertEquals(seats.size(), g.memberCount(), g.groupId() + ": memberCount equals its seat items");
            for (Map<String, AttributeValue> seat : seats) {
                String user = Attrs.str(seat, "userId");
                seatsPerMember.merge(user, 1, Integer::sum);
                String seatPool = Attrs.str(seat, "pool");
                assertTrue(poolsSat.add(Keys.pool(org, g) + "|" + user), user + " sits once in the pool of "
                        + g.groupId());
                if (!SeatItems.NO_POOL_SEAT.equals(seatPool)) {
                    expectedPoolSeats.put(seatPool + "|" + user, g.groupId());
                }
            }
        }
        Map<String, String> poolSeats = new TreeMap<>();
        for (String pool : pools) {
            table.queryAll(pool, Keys.seatPrefix(), false).forEach(ps -> poolSeats.put(pool + "|"
                    + Attrs.str(ps, "userId"), Attrs.str(ps, "groupId")));
        }
        assertEquals(expectedPoolSeats, poolSeats, "pool seats are exactly those of the seats");
        for (Map<String, AttributeValue> member : table.queryAll(Keys.org(org), Keys.memberPrefix(), false)) {
            String user = Attrs.str(member, "userId");
            assertEquals(seatsPerMember.getOrDefault(user, 0), (int) Attrs.num(member, "groupCount"),
                    user + ": groupCount equals their seats");
        }
    }

    /** Times of the writes themselves, which two runs cannot share. */
    private static final Set<String> WHEN_WRITTEN = Set.of("at", "lastActiveAt", "startedAt", "appliedAt");

    /**
     * Every item of the org (found by a test-only Scan), with the org's id replaced and the times of writing left out,
     * sorted: two orgs with equal results give equal lists.
     */
    static List<String> normalisedItems(DynamoDbClient client, String tableName, String org) {
        List<String> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            var page = client.scan(ScanRequest.builder().tableName(tableName).exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : page.items()) {
                String keys = item.get(Keys.PK).s() + " " + item.get(Keys.SK).s();
                if (!(keys + "#").contains(Keys.org(org) + "#")) {
                    continue;
                }
                Map<String, String> normalised = new TreeMap<>();
                item.forEach((name, value) -> {
                    if (!WHEN_WRITTEN.contains(name)) {
                        normalised.put(name, value.toString().replace(Keys.org(org), "ORG#<org>"));
                    }
                });
                items.add(normalised.toString());
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        items.sort(null);
        return items;
    }
}
