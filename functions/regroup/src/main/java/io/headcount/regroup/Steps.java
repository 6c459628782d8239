package io.headcount.regroup;

import io.headcount.adapters.Attrs;
import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.SeatItems;
import io.headcount.adapters.Write;
import io.headcount.domain.Group;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.Outcome;
import io.headcount.domain.PlanOperation;
import io.headcount.domain.Policy;
import io.headcount.domain.Regroup;
import io.headcount.domain.RosterEntry;
import io.headcount.domain.SeatRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writes of each operation of a plan, as the store holds what {@code Regroup.apply} does: seats, pool seats and
 * counters change together, and every write states what it requires, so a step made on facts that changed is
 * cancelled whole. Tracks the org as the steps before have left it (admins, counts, seats, moves).
 */
final class Steps {
    private final String org;
    private final Instant planTime;
    private final StoredPlan plan;
    private final Policy policy;
    private final Map<String, Group> groups = new HashMap<>();
    private final Map<OrgState.SeatKey, OrgState.SeatFacts> seats;
    private final Map<String, RosterEntry> members = new HashMap<>();

    Steps(String org, OrgState state, StoredPlan plan) {
        this.org = org;
        this.plan = plan;
        this.planTime = plan.createdAt();
        this.policy = state.snapshot().policy();
        state.snapshot().groups().forEach(g -> groups.put(g.groupId(), g));
        this.seats = new HashMap<>(state.seats());
        state.snapshot().members().forEach(m -> members.put(m.userId(), m));
    }

    /** One operation's writes, what each requires (in the same order), and what to remember once it is written. */
    record Step(List<Write> writes, List<String> requirements, Runnable done) {
    }

    private static final class Builder {
        final List<Write> writes = new ArrayList<>();
        final List<String> requirements = new ArrayList<>();
        final List<Runnable> effects = new ArrayList<>();

        Builder write(Write write, String requirement) {
            writes.add(write);
            requirements.add(requirement);
            return this;
        }

        Builder then(Runnable effect) {
            effects.add(effect);
            return this;
        }

        Step build() {
            return new Step(writes, requirements, () -> effects.forEach(Runnable::run));
        }
    }

    Step of(int index, PlanOperation o) {
        Builder b = new Builder();
        switch (o.op()) {
            case CREATE_GROUP -> createGroup(b, o);
            case ARCHIVE_GROUP -> archive(b, o);
            case MOVE -> move(b, o, index);
            case ADD -> add(b, o, index);
            case REMOVE -> remove(b, o);
            case FLAG_INACTIVE -> flag(b, o);
            case SET_ADMIN -> setAdmin(b, o);
            default -> throw new IllegalStateException("unknown operation " + o.op());
        }
        return b.build();
    }

    private void archive(Builder b, PlanOperation o) {
        b.write(Write.update(Keys.group(org, o.groupId()), "SET #status = :archived")
                        .when("#status = :active AND #memberCount = :zero")
                        .value(":archived", GroupStatus.ARCHIVED.name())
                        .value(":active", GroupStatus.ACTIVE.name()).value(":zero", 0),
                "group " + o.groupId() + " is active and empty")
                .then(() -> groups.computeIfPresent(o.groupId(), (id, g) -> g.withStatus(GroupStatus.ARCHIVED)));
    }

    private void add(Builder b, PlanOperation o, int index) {
        Group to = group(o.to());
        String pool = Keys.pool(org, to);
        sit(b, o.userId(), to, pool, planTime, plan.room(index, to.cap()));
        b.write(Write.put(SeatItems.poolSeat(pool, to.groupId(), o.userId(), to.groupId(), Outcome.ADMITTED,
                planTime)).ifAbsent(), o.userId() + " sits in no other group of " + to.groupId() + "'s pool");
        b.write(Write.update(Keys.member(org, o.userId()), "SET #groupCount = #groupCount + :one")
                .when("attribute_exists(#PK)").value(":one", 1), o.userId() + " is on the roster");
    }

    private void remove(Builder b, PlanOperation o) {
        Group from = group(o.from());
        String pool = poolOfSeat(from, o.userId());
        leave(b, o.userId(), from);
        if (pool != null) {
            b.write(releasePoolSeat(pool, o.userId(), from), o.userId() + "'s pool seat is in " + from.groupId());
        }
        b.write(Write.update(Keys.member(org, o.userId()), "SET #groupCount = #groupCount - :one")
                .when("#groupCount > :zero").value(":one", 1).value(":zero", 0), o.userId() + " is counted in a group");
    }

    private void flag(Builder b, PlanOperation o) {
        b.write(Write.update(Keys.member(org, o.userId()), "SET #flaggedAt = :at").when("attribute_exists(#PK)")
                        .value(":at", Attrs.time(planTime)), o.userId() + " is on the roster")
                .then(() -> members.computeIfPresent(o.userId(), (id, m) -> new RosterEntry(m.userId(),
                        m.function(), m.projects(), m.status(), m.lastActiveAt(), planTime, m.moves())));
    }

    /** A new group as admins create them (same item, same pool keys), set up like the group it overflows from. */
    private void createGroup(Builder b, PlanOperation o) {
        Group template = o.overflowOf() == null ? null : groups.get(o.overflowOf());
        Group created = new Group(o.groupId(), o.name(), o.kind(), o.key(), o.cap(), o.minSize(), List.of(), 0, 0,
                GroupStatus.ACTIVE, o.overflowOf(), template == null ? policy.overflow() : template.overflow(),
                template == null ? null : template.welcome(), null);
        b.write(Write.put(GroupItems.item(org, created)).ifAbsent(), "no group " + o.groupId() + " exists yet")
                .then(() -> groups.put(created.groupId(), created));
    }

    private void move(Builder b, PlanOperation o, int index) {
        Group from = group(o.from());
        Group to = group(o.to());
        String user = o.userId();
        OrgState.SeatFacts seat = seats.get(new OrgState.SeatKey(from.groupId(), user));
        String fromPool = poolOfSeat(from, user);
        String toPool = Keys.pool(org, to);
        String seatPool = toPool;
        leave(b, user, from);
        if (fromPool == null && from.samePool(to)) {
            seatPool = SeatItems.NO_POOL_SEAT; // the member's pool seat is in another group of this pool
        } else if (toPool.equals(fromPool)) {
            b.write(Write.put(SeatItems.poolSeat(toPool, to.groupId(), user, to.groupId(), Outcome.ADMITTED,
                            planTime)).when("attribute_not_exists(#PK) OR #groupId = :from").value(":from",
                            from.groupId()),
                    user + "'s pool seat is in " + from.groupId());
        } else {
            // Another pool: the member no longer belongs in the old one (reason IRRELEVANT).
            if (fromPool != null) {
                b.write(releasePoolSeat(fromPool, user, from), user + "'s pool seat is in " + from.groupId());
            }
            b.write(Write.put(SeatItems.poolSeat(toPool, to.groupId(), user, to.groupId(), Outcome.ADMITTED,
                    planTime)).ifAbsent(), user + " sits in no other group of " + to.groupId() + "'s pool");
        }
        // Moving is not joining: the seat keeps the time it was first given.
        sit(b, user, to, seatPool, seat != null && seat.at() != null ? seat.at() : planTime,
                plan.room(index, to.cap()));
        if (o.isBalancingMove()) {
            RosterEntry m = members.get(user);
            List<Instant> moves = new ArrayList<>();
            if (m != null) {
                m.moves().stream().filter(at -> !at.isBefore(planTime.minus(Regroup.MOVE_WINDOW))).forEach(moves::add);
            }
            moves.add(planTime);
            b.write(Write.update(Keys.member(org, user), "SET #moves = :moves").when("attribute_exists(#PK)")
                            .value(":moves", Attrs.list(moves.stream().map(at -> Attrs.time(at).s()).toList())),
                    user + " is on the roster")
                    .then(() -> members.computeIfPresent(user, (id, e) -> new RosterEntry(e.userId(), e.function(),
                            e.projects(), e.status(), e.lastActiveAt(), e.flaggedAt(), moves)));
        }
    }

    private void setAdmin(Builder b, PlanOperation o) {
        Group g = group(o.groupId());
        String user = o.userId();
        b.write(Write.update(Keys.seat(org, g.groupId(), user), "SET #role = :admin").when("attribute_exists(#PK)")
                .value(":admin", SeatRole.ADMIN.name()), user + " sits in " + g.groupId());
        if (!g.admins().contains(user)) {
            b.write(Write.update(Keys.group(org, g.groupId()),
                                    "SET #admins = list_append(if_not_exists(#admins, :none), :user)")
                            .when("attribute_exists(#PK) AND NOT contains(#admins, :userId)")
                            .value(":none", Attrs.list(List.of())).value(":user", Attrs.list(List.of(user)))
                            .value(":userId", user),
                    user + " is not yet an admin of " + g.groupId())
                    .then(() -> groups.computeIfPresent(g.groupId(), (id, group) -> {
                        List<String> admins = new ArrayList<>(group.admins());
                        admins.add(user);
                        return group.withAdmins(admins);
                    }));
        }
    }

    /**
     * A seat in {@code to}: the seat, and the group's count — while the group is active and has fewer than
     * {@code limit} members (a concurrent join that filled it cancels the step).
     */
    private void sit(Builder b, String user, Group to, String pool, Instant at, int limit) {
        b.write(Write.put(SeatItems.seat(org, to.groupId(), user, SeatRole.MEMBER, to.groupId(), Outcome.ADMITTED,
                pool, at)).ifAbsent(), user + " has no seat in " + to.groupId() + " yet");
        b.write(Write.update(Keys.group(org, to.groupId()), "SET #memberCount = #memberCount + :one")
                        .when("#status = :active AND #memberCount < :limit").value(":one", 1)
                        .value(":active", GroupStatus.ACTIVE.name()).value(":limit", limit),
                "group " + to.groupId() + " is active and has fewer than " + limit + " members")
                .then(() -> {
                    seats.put(new OrgState.SeatKey(to.groupId(), user), new OrgState.SeatFacts(pool, at));
                    groups.computeIfPresent(to.groupId(), (id, g) -> g.withMemberCount(g.memberCount() + 1));
                });
    }

    /** Frees the seat in {@code from}: the seat, the group's count, and the member's place among its admins. */
    private void leave(Builder b, String user, Group from) {
        int admin = from.admins().indexOf(user);
        Write group = Write.update(Keys.group(org, from.groupId()), "SET #memberCount = #memberCount - :one"
                        + (admin < 0 ? "" : " REMOVE #admins[" + admin + "]"))
                .when("#memberCount > :zero" + (admin < 0 ? "" : " AND #admins[" + admin + "] = :user"))
                .value(":one", 1).value(":zero", 0);
        if (admin >= 0) {
            group.value(":user", user);
        }
        b.write(Write.delete(Keys.seat(org, from.groupId(), user)).when("attribute_exists(#PK)"),
                user + " sits in " + from.groupId());
        b.write(group, "group " + from.groupId() + " counts its members"
                        + (admin < 0 ? "" : " and has " + user + " among its admins"))
                .then(() -> {
                    seats.remove(new OrgState.SeatKey(from.groupId(), user));
                    groups.computeIfPresent(from.groupId(), (id, g) -> g.withMemberCount(g.memberCount() - 1)
                            .withAdmins(g.admins().stream().filter(a -> !a.equals(user)).toList()));
                });
    }

    /** Deletes the member's pool seat if it is the one of {@code from} (an absent one is nothing to free). */
    private static Write releasePoolSeat(String pool, String user, Group from) {
        return Write.delete(Keys.poolSeat(pool, user)).when("attribute_not_exists(#PK) OR #groupId = :from")
                .value(":from", from.groupId());
    }

    /** The pool seat a member's seat in {@code g} holds, or null when it holds none. */
    private String poolOfSeat(Group g, String user) {
        OrgState.SeatFacts seat = seats.get(new OrgState.SeatKey(g.groupId(), user));
        String pool = seat == null ? null : seat.pool();
        if (pool == null) {
            return Keys.pool(org, g);
        }
        return SeatItems.NO_POOL_SEAT.equals(pool) ? null : pool;
    }

    private Group group(String groupId) {
        Group g = groups.get(groupId);
        if (g == null) {
            throw new Unfit("group " + groupId + " does not exist");
        }
        return g;
    }

    /** An operation that cannot be written at all, whatever the store holds (it names a group there is not). */
    static final class Unfit extends RuntimeException {
        Unfit(String why) {
            super(why, null, false, false);
        }
    }
}
