package io.headcount.adapters;

import io.headcount.domain.Outcome;
import io.headcount.domain.SeatRole;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a seat consists of in the table, for every writer of seats (joins, chat membership changes, regroup): the seat
 * in the group's partition, filed on GSI1 under the member, and the pool seat that keeps a member to one group of a
 * pool. The counters that go with them (the group's memberCount, the member's groupCount) are the writer's business.
 */
public final class SeatItems {
    /** The {@code pool} of a seat that came without a pool seat (the member already sat elsewhere in the pool). */
    public static final String NO_POOL_SEAT = "NONE";

    private SeatItems() {
    }

    /**
     * @param pool the pool seat's partition, or {@link #NO_POOL_SEAT}
     * @param now  when the seat was given: {@code at}, and the first {@code lastActiveAt}
     */
    public static Map<String, AttributeValue> seat(String org, String groupId, String userId, SeatRole role,
            String requestedGroup, Outcome outcome, String pool, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.seat(org, groupId, userId).toMap());
        item.put(Keys.GSI1PK, Attrs.s(Keys.memberSeats(org, userId)));
        item.put(Keys.GSI1SK, Attrs.s(Keys.groupPrefix() + groupId));
        item.put("groupId", Attrs.s(groupId));
        item.put("userId", Attrs.s(userId));
        item.put("role", Attrs.s(role.name()));
        item.put("requestedGroup", Attrs.s(requestedGroup));
        item.put("outcome", Attrs.s(outcome.name()));
        item.put("pool", Attrs.s(pool));
        item.put("at", Attrs.s(now.toString()));
        item.put("lastActiveAt", Attrs.s(now.toString()));
        return item;
    }

    /** The pool seat: which group of the pool {@code pool} the member sits in. */
    public static Map<String, AttributeValue> poolSeat(String pool, String groupId, String userId,
            String requestedGroup, Outcome outcome, Instant now) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.poolSeat(pool, userId).toMap());
        item.put("groupId", Attrs.s(groupId));
        item.put("userId", Attrs.s(userId));
        item.put("requestedGroup", Attrs.s(requestedGroup));
        item.put("outcome", Attrs.s(outcome.name()));
        item.put("at", Attrs.s(now.toString()));
        return item;
    }
}
