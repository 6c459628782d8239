package io.headcount.seating;

import io.headcount.adapters.ApiError;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.ErrorCode;
import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.Table;
import io.headcount.adapters.Write;
import io.headcount.domain.Group;
import io.headcount.domain.GroupStatus;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Archives a group: it takes no one from then on, its queue is dropped and every seat is given back. Each step can
 * be repeated, so a call that was cut short (a crash, a timeout) is finished by the next one: the status goes first
 * (joins and queueing require an active group, so nothing new arrives), then the queue, then the seats a page at
 * a time, each in one transaction that deletes the seat only if it is still there and decrements the counters in
 * the same step, never below zero. A seat released twice is therefore decremented once.
 */
@ApplicationScoped
public class GroupArchive {
    static final int PAGE = 100;
    /** Enough for a seat whose member or pool seat turns out to be gone, and for a conflict with a leave. */
    static final int ATTEMPTS = 5;
    /** Far more seats than any chat holds: past this, seats are still arriving (from the chat platform). */
    static final int MAX_SEATS = 10_000;

    private final Table table;

    public GroupArchive(Table table) {
        this.table = table;
    }

    /** The archived group, or empty when there is no such group. */
    public Optional<Group> archive(String org, String groupId) {
        Optional<Group> found = table.get(Keys.group(org, groupId)).map(GroupItems::from);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Group group = found.get();
        Keys.Key key = Keys.group(org, groupId);
        if (group.isActive()) {
            // The version goes up too: instances that remember the group must read it again.
            table.update(Write.update(key, "SET #status = :archived, #version = if_not_exists(#version, :zero) + :one")
                    .when("attribute_exists(#PK)").value(":archived", GroupStatus.ARCHIVED.name())
                    .value(":zero", 0).value(":one", 1));
        }
        dropQueue(org, groupId);
        releaseSeats(org, group);
        return Optional.of(GroupItems.from(table.update(Write.update(key, "SET #memberCount = :zero, #waitlist = :zero")
                .when("attribute_exists(#PK)").value(":zero", 0))));
    }

    /**
     * Queue entries and tickets go, then the counter: nobody can be promoted into the group any more. Repeatable;
     * for a group already archived (a regroup plan archives groups it has emptied).
     */
    public void dropQueue(String org, String groupId) {
        String partition = Keys.groupPartition(org, groupId);
        for (String prefix : List.of(Keys.queuePrefix(), Keys.queueTicketPrefix())) {
            List<Map<String, AttributeValue>> items;
            do {
                items = table.query(partition, prefix, PAGE, null).items();
                table.deleteAll(items.stream().map(Keys.Key::of).toList());
            } while (!items.isEmpty());
        }
        table.update(Write.update(Keys.group(org, groupId), "SET #waitlist = :zero").when("attribute_exists(#PK)")
                .value(":zero", 0));
    }

    /** Every seat, a page at a time; each page is read from the start, since the seats before it are gone. */
    private void releaseSeats(String org, Group group) {
        String partition = Keys.groupPartition(org, group.groupId());
        int released = 0;
        List<Map<String, AttributeValue>> seats;
        while (!(seats = table.query(partition, Keys.seatPrefix(), PAGE, null).items()).isEmpty()) {
            if (released > MAX_SEATS) {
                throw new ApiError(ErrorCode.CONFLICT, "members keep arriving in this group; archive it again");
            }
            seats.forEach(seat -> release(org, group, seat));
            released += seats.size();
        }
    }

    /**
     * Frees one seat: the seat (only if still there), the pool seat it holds (only if it still points here), the
     * member's group count and the group's member count (each only while above zero). When a part cannot be done
     * (the member or pool seat is gone, a counter is already zero) the seat goes without it; when the seat itself
     * is gone, someone released it already and nothing is counted again.
     */
    private void release(String org, Group group, Map<String, AttributeValue> seat) {
        String userId = Attrs.str(seat, "userId");
        String pool = poolSeatOf(org, group, seat);
        boolean poolSeat = pool != null;
        boolean member = true;
        boolean counter = true;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<Write> writes = new ArrayList<>();
            writes.add(Write.delete(Keys.Key.of(seat)).when("attribute_exists(#PK)"));
            int poolAt = poolSeat ? add(writes, Write.delete(Keys.poolSeat(pool, userId))
                    .when("attribute_not_exists(#PK) OR #groupId = :group").value(":group", group.groupId())) : -1;
            int memberAt = member ? add(writes, Write.update(Keys.member(org, userId),
                    "SET #groupCount = #groupCount - :one").when("#groupCount > :zero").value(":one", 1)
                    .value(":zero", 0)) : -1;
            int counterAt = counter ? add(writes, Write.update(Keys.group(org, group.groupId()),
                    "SET #memberCount = #memberCount - :one").when("#memberCount > :zero").value(":one", 1)
                    .value(":zero", 0)) : -1;
            try {
                table.transact(writes);
                return;
            } catch (TransactionCanceledException e) {
                List<CancellationReason> reasons = e.cancellationReasons();
                if (failed(reasons, 0)) {
                    return;
                }
                poolSeat &= !failed(reasons, poolAt);
                member &= !failed(reasons, memberAt);
                counter &= !failed(reasons, counterAt);
            }
        }
        throw new ApiError(ErrorCode.CONFLICT, "a seat of this group could not be released; archive it again");
    }

    private static int add(List<Write> writes, Write write) {
        writes.add(write);
        return writes.size() - 1;
    }

    private static boolean failed(List<CancellationReason> reasons, int index) {
        return index >= 0 && index < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    /** The pool seat a seat holds: the pool recorded on it, the group's pool for seats from before that, or none. */
    private static String poolSeatOf(String org, Group group, Map<String, AttributeValue> seat) {
        String pool = Attrs.str(seat, "pool");
        if (pool == null) {
            return Keys.pool(org, group);
        }
        return SeatStore.NO_POOL_SEAT.equals(pool) ? null : pool;
    }
}
