package io.headcount.seating;

import io.headcount.adapters.Attrs;
import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.MemberItems;
import io.headcount.adapters.Policies;
import io.headcount.adapters.SeatItems;
import io.headcount.adapters.Table;
import io.headcount.adapters.Write;
import io.headcount.domain.Eligibility;
import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.MemberStatus;
import io.headcount.domain.Outcome;
import io.headcount.domain.Policy;
import io.headcount.domain.Seat;
import io.headcount.domain.SeatRole;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Seats, pool seats and the waitlist in the table. Every change is one transaction whose conditions restate the
 * invariants (cap, one seat per pool, eligibility, groups per member), so no interleaving can break them.
 */
@ApplicationScoped
class SeatStore {
    private final Table table;

    SeatStore(Table table) {
        this.table = table;
    }

    /** Group, member, policy, seat and queue ticket in one round trip. Empty when the group does not exist. */
    Optional<Facts> facts(String org, String groupId, String userId) {
        Keys.Key group = Keys.group(org, groupId);
        Keys.Key member = Keys.member(org, userId);
        Keys.Key policy = Keys.policy(org);
        Keys.Key seat = Keys.seat(org, groupId, userId);
        Keys.Key ticket = Keys.queueTicket(org, groupId, userId);
        Map<Keys.Key, Map<String, AttributeValue>> found = table.getAll(List.of(group, member, policy, seat, ticket));
        Map<String, AttributeValue> groupItem = found.get(group);
        if (groupItem == null) {
            return Optional.empty();
        }
        return Optional.of(new Facts(
                GroupItems.from(groupItem),
                found.containsKey(member) ? MemberItems.from(found.get(member)) : null,
                Policies.from(found.get(policy)),
                found.containsKey(seat) ? seat(found.get(seat)) : null,
                found.containsKey(seat) ? Attrs.str(found.get(seat), "pool") : null,
                found.containsKey(ticket) ? Attrs.str(found.get(ticket), "entry") : null,
                new Facts.Versions(Attrs.num(groupItem, "version"),
                        found.containsKey(member) ? Attrs.num(found.get(member), "version") : 0,
                        found.containsKey(policy) ? Attrs.num(found.get(policy), "version") : -1)));
    }

    Optional<Group> group(String org, String groupId) {
        return table.get(Keys.group(org, groupId)).map(GroupItems::from);
    }

    /** Every group of the pool, archived ones included (they still own their running numbers). */
    List<Group> pool(String org, Group group) {
        return table.queryAll(Keys.pool(org, group), Keys.groupPrefix(), true).stream()
                .map(GroupItems::from)
                .toList();
    }

    /**
     * The writes that give {@code userId} a seat in {@code target}: the group's counter (or the new group when
     * {@code opened}), the seat, the pool seat and the member's group count. Index {@link #POOL_SEAT} is the pool
     * seat, whose old value tells where the member already sits.
     */
    List<Write> seatWrites(String org, Group target, boolean opened, String userId, String requestedGroup,
            Outcome outcome, Policy policy, Instant now) {
        String pool = Keys.pool(org, target);
        List<Write> writes = new ArrayList<>();
        if (opened) {
            Map<String, AttributeValue> item = GroupItems.item(org, target);
            item.put("memberCount", Attrs.n(1));
            writes.add(Write.put(item).ifAbsent());
        } else {
            writes.add(Write.update(Keys.group(org, target.groupId()), "SET #memberCount = #memberCount + :one")
                    .when("#status = :active AND #memberCount < #cap")
                    .value(":one", 1).value(":active", GroupStatus.ACTIVE.name()));
        }
        SeatRole role = target.admins().contains(userId) ? SeatRole.ADMIN : SeatRole.MEMBER;
        writes.add(Write.put(SeatItems.seat(org, target.groupId(), userId, role, requestedGroup, outcome, pool, now))
                .ifAbsent());
        writes.add(Write.put(SeatItems.poolSeat(pool, target.groupId(), userId, requestedGroup, outcome, now))
                .ifAbsent().returnOldOnFailure());
        writes.add(memberTakesSeat(org, userId, target, policy));
        return writes;
    }

    static final int POOL_SEAT = 2;

    /** The pool of a seat that came without a pool seat (the member already sat elsewhere in the pool). */
    static final String NO_POOL_SEAT = SeatItems.NO_POOL_SEAT;

    /**
     * Seat writes for a member the platform put in the chat: the counter bounded by the platform's hard cap only,
     * the seat, the pool seat when {@code withPoolSeat}, and the member's group count without eligibility limits.
     */
    List<Write> platformSeatWrites(String org, Facts facts, String userId, boolean withPoolSeat, Instant now) {
        Group group = facts.group();
        String pool = withPoolSeat ? Keys.pool(org, group) : NO_POOL_SEAT;
        SeatRole role = group.admins().contains(userId) ? SeatRole.ADMIN : SeatRole.MEMBER;
        List<Write> writes = new ArrayList<>();
        writes.add(Write.update(Keys.group(org, group.groupId()), "SET #memberCount = #memberCount + :one")
                .when("#memberCount < :hardCap AND #status = :active").value(":one", 1)
                .value(":hardCap", facts.policy().hardCap()).value(":active", GroupStatus.ACTIVE.name()));
        writes.add(Write.put(SeatItems.seat(org, group.groupId(), userId, role, group.groupId(), Outcome.ADMITTED,
                pool, now)).ifAbsent());
        if (withPoolSeat) {
            writes.add(Write.put(SeatItems.poolSeat(pool, group.groupId(), userId, group.groupId(),
                    Outcome.ADMITTED, now)).ifAbsent().returnOldOnFailure());
        }
        writes.add(Write.update(Keys.member(org, userId), "SET #groupCount = #groupCount + :one")
                .when("attribute_exists(#PK)").value(":one", 1));
        return writes;
    }

    /** The pool seat a seat holds: recorded on the seat, the group's pool for seats from before that, or none. */
    static String poolOfSeat(Facts facts, String org) {
        if (facts.seatPool() == null) {
            return Keys.pool(org, facts.group());
        }
        return NO_POOL_SEAT.equals(facts.seatPool()) ? null : facts.seatPool();
    }

    /**
     * Seat writes for a joiner known from an earlier read: they also require that the group, the member and the
     * policy are still the versions remembered, and that the member is not queued for the group.
     */
    List<Write> rememberedSeatWrites(String org, Facts known, String userId, Instant now) {
        Group group = known.group();
        List<Write> writes = new ArrayList<>(seatWrites(org, group, false, userId, group.groupId(), Outcome.ADMITTED,
                known.policy(), now));
        writes.get(0).alsoWhen("#version = :groupVersion").value(":groupVersion", known.versions().group());
        writes.get(3).alsoWhen("#version = :memberVersion").value(":memberVersion", known.versions().member());
        writes.add(Write.check(Keys.queueTicket(org, group.groupId(), userId), "attribute_not_exists(#PK)"));
        long policy = known.versions().policy();
        writes.add(policy < 0 ? Write.check(Keys.policy(org), "attribute_not_exists(#PK)")
                : policy == 0 ? Write.check(Keys.policy(org), "attribute_exists(#PK) AND attribute_not_exists(#version)")
                : Write.check(Keys.policy(org), "#version = :policyVersion").value(":policyVersion", policy));
        return writes;
    }

    /** Queue the member for a full group: ticket and entry, counters bumped only while the group is still full. */
    List<Write> enqueueWrites(String org, Group group, String userId, Policy policy, Instant now) {
        Keys.Key entryKey = Keys.queueEntry(org, group.groupId(), now.toEpochMilli(), userId);
        Map<String, AttributeValue> ticket = new HashMap<>(Keys.queueTicket(org, group.groupId(), userId).toMap());
        ticket.put("entry", Attrs.s(entryKey.sk()));
        ticket.put("at", Attrs.s(now.toString()));
        Map<String, AttributeValue> entry = new HashMap<>(entryKey.toMap());
        entry.put("userId", Attrs.s(userId));
        entry.put("at", Attrs.s(now.toString()));
        return List.of(
                Write.update(Keys.group(org, group.groupId()), "SET #waitlist = #waitlist + :one")
                        .when("#status = :active AND #memberCount >= #cap")
                        .value(":one", 1).value(":active", GroupStatus.ACTIVE.name()),
                Write.put(ticket).ifAbsent(),
                Write.put(entry).ifAbsent(),
                Write.check(Keys.poolSeat(Keys.pool(org, group), userId), "attribute_not_exists(#PK)"),
                memberTakesSeat(org, userId, group, policy).asCheck());
    }

    /** 1-based place of a ticket in its queue. */
    int position(String org, String groupId, String ticket) {
        return table.count(Keys.groupPartition(org, groupId), Keys.queuePrefix(), ticket);
    }

    /** The head of a group's queue: its entry's sort key and member, if anyone waits. */
    Optional<Map.Entry<String, String>> queueHead(String org, String groupId) {
        return table.query(Keys.groupPartition(org, groupId), Keys.queuePrefix(), 1, null).items().stream()
                .findFirst()
                .map(item -> Map.entry(Attrs.str(item, Keys.SK), Attrs.str(item, "userId")));
    }

    /** The writes that free a seat: seat, pool seat (when it has one) and the member's group count. */
    List<Write> releaseWrites(String org, Group group, String userId, String poolOfSeat) {
        List<Write> writes = new ArrayList<>();
        writes.add(Write.delete(Keys.seat(org, group.groupId(), userId)).when("attribute_exists(#PK)"));
        if (poolOfSeat != null) {
            writes.add(Write.delete(Keys.poolSeat(poolOfSeat, userId)));
        }
        writes.add(Write.update(Keys.member(org, userId), "SET #groupCount = #groupCount - :one")
                .when("#groupCount > :zero").value(":one", 1).value(":zero", 0));
        return writes;
    }

    /**
     * A seat is freed with nobody to hand it to. Only while the queue is empty (or the group is over its cap): a
     * joiner queued since our read cancels this, and the retry promotes them, so no seat stays free while
     * someone waits.
     */
    Write groupLosesMember(String org, Group group) {
        return Write.update(Keys.group(org, group.groupId()), "SET #memberCount = #memberCount - :one")
                .when("#memberCount > :zero AND (#waitlist = :zero OR #memberCount > #cap)")
                .value(":one", 1).value(":zero", 0);
    }

    /** Take a member out of the queue: ticket, entry and the group's waitlist counter. */
    List<Write> dequeueWrites(String org, String groupId, String userId, String ticket) {
        List<Write> writes = new ArrayList<>(ticketWrites(org, groupId, userId, ticket));
        writes.add(Write.update(Keys.group(org, groupId), "SET #waitlist = #waitlist - :one")
                .when("#waitlist > :zero").value(":one", 1).value(":zero", 0));
        return writes;
    }

    /**
     * The head of the queue takes a freed seat: the queue shrinks and the seat count stays (one leaves, one
     * arrives), provided the group is not over its cap.
     */
    List<Write> promotionWrites(String org, String groupId, String userId, String ticket) {
        List<Write> writes = new ArrayList<>(ticketWrites(org, groupId, userId, ticket));
        writes.add(Write.update(Keys.group(org, groupId), "SET #waitlist = #waitlist - :one")
                .when("#waitlist > :zero AND #memberCount <= #cap").value(":one", 1).value(":zero", 0));
        return writes;
    }

    private static List<Write> ticketWrites(String org, String groupId, String userId, String ticket) {
        return List.of(
                Write.delete(Keys.queueTicket(org, groupId, userId)).when("attribute_exists(#PK)"),
                Write.delete(Keys.queueEntry(org, groupId, ticket)).when("attribute_exists(#PK)"));
    }

    void write(List<Write> writes) {
        table.transact(writes);
    }

    static Seat seat(Map<String, AttributeValue> item) {
        String outcome = Attrs.str(item, "outcome");
        String at = Attrs.str(item, "at");
        return new Seat(Attrs.str(item, "groupId"), Attrs.str(item, "userId"),
                item.containsKey("role") ? SeatRole.valueOf(Attrs.str(item, "role")) : SeatRole.MEMBER,
                Attrs.str(item, "requestedGroup"), outcome == null ? null : Outcome.valueOf(outcome),
                at == null ? null : Instant.parse(at));
    }

    /** The member's group count goes up only while the member is active, eligible and under the limit. */
    private static Write memberTakesSeat(String org, String userId, Group group, Policy policy) {
        String condition = "#status = :memberActive AND #groupCount < :maxGroups";
        Write write = Write.update(Keys.member(org, userId), "SET #groupCount = #groupCount + :one")
                .value(":one", 1).value(":memberActive", MemberStatus.ACTIVE.name())
                .value(":maxGroups", policy.maxGroupsPerMember());
        if (policy.eligibility() == Eligibility.MATCH && group.kind() != GroupKind.GENERAL) {
            condition += group.kind() == GroupKind.FUNCTION ? " AND #function = :eligibleKey"
                    : " AND contains(#projects, :eligibleKey)";
            write.value(":eligibleKey", group.key());
        }
        return write.when(condition);
    }
}
