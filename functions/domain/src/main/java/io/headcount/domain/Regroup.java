package io.headcount.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Regroup: a plan that brings every FUNCTION and PROJECT group of an org within [minSize, cap] with as few moves as
 * the rules allow, and what the org looks like once a plan is applied. Both are pure: same snapshot, same plan.
 */
public final class Regroup {
    /** Chat platforms limit group transfers: a member is moved between groups of a pool at most twice... */
    public static final int MOVES_PER_WINDOW = 2;
    /** ...in any 90 days. */
    public static final Duration MOVE_WINDOW = Duration.ofDays(90);

    private Regroup() {
    }

    public static RegroupPlan plan(OrgSnapshot snapshot) {
        return new RegroupPlanner(snapshot).plan();
    }

    /**
     * The org after the plan, as the store holds it once every step is written: seats moved, added and removed,
     * admins appointed (a member who leaves a group stops being its admin), flags and balancing moves recorded at
     * the snapshot's time, groups opened and archived, member counts recounted.
     *
     * @throws IllegalStateException when a step does not fit the snapshot (a seat to move that is not there)
     */
    public static OrgSnapshot apply(OrgSnapshot s, RegroupPlan plan) {
        Map<String, Group> groups = new LinkedHashMap<>();
        s.groups().forEach(g -> groups.put(g.groupId(), g));
        Map<String, RosterEntry> members = new LinkedHashMap<>();
        s.members().forEach(m -> members.put(m.userId(), m));
        Map<List<String>, Membership> seats = new LinkedHashMap<>();
        s.memberships().forEach(m -> seats.put(List.of(m.groupId(), m.userId()), m));
        for (PlanOperation op : plan.operations()) {
            switch (op.op()) {
                case CREATE_GROUP -> {
                    Group template = op.overflowOf() == null ? null : groups.get(op.overflowOf());
                    require(!groups.containsKey(op.groupId()), op, "group exists");
                    groups.put(op.groupId(), new Group(op.groupId(), op.name(), op.kind(), op.key(), op.cap(),
                            op.minSize(), List.of(), 0, 0, GroupStatus.ACTIVE, op.overflowOf(),
                            template == null ? s.policy().overflow() : template.overflow(),
                            template == null ? null : template.welcome(), null));
                }
                case ARCHIVE_GROUP -> {
                    Group g = groups.get(op.groupId());
                    require(g != null && g.isActive(), op, "no active group");
                    groups.put(g.groupId(), g.withStatus(GroupStatus.ARCHIVED));
                }
                case MOVE -> {
                    leave(seats, groups, op.from(), op.userId(), op);
                    sit(seats, groups, op.to(), op.userId(), op);
                    if (op.isBalancingMove()) {
                        RosterEntry m = members.get(op.userId());
                        List<Instant> moves = new ArrayList<>(m.moves());
                        moves.add(s.now());
                        members.put(m.userId(), new RosterEntry(m.userId(), m.function(), m.projects(), m.status(),
                                m.lastActiveAt(), m.flaggedAt(), moves));
                    }
                }
                case ADD -> sit(seats, groups, op.to(), op.userId(), op);
                case REMOVE -> leave(seats, groups, op.from(), op.userId(), op);
                case FLAG_INACTIVE -> {
                    RosterEntry m = members.get(op.userId());
                    require(m != null, op, "no member");
                    members.put(m.userId(), new RosterEntry(m.userId(), m.function(), m.projects(), m.status(),
                            m.lastActiveAt(), s.now(), m.moves()));
                }
                case SET_ADMIN -> {
                    Group g = groups.get(op.groupId());
                    List<String> key = List.of(op.groupId(), op.userId());
                    require(g != null && seats.containsKey(key), op, "not a member");
                    seats.put(key, new Membership(op.groupId(), op.userId(), SeatRole.ADMIN));
                    if (!g.admins().contains(op.userId())) {
                        List<String> admins = new ArrayList<>(g.admins());
                        admins.add(op.userId());
                        groups.put(g.groupId(), g.withAdmins(admins));
                    }
                }
                default -> throw new IllegalStateException("unknown operation " + op.op());
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        seats.keySet().forEach(k -> counts.merge(k.get(0), 1, Integer::sum));
        List<Group> recounted = groups.values().stream()
                .map(g -> g.withMemberCount(counts.getOrDefault(g.groupId(), 0)))
                .toList();
        return new OrgSnapshot(s.policy(), s.now(), List.copyOf(members.values()), recounted,
                List.copyOf(seats.values()), s.interactions());
    }

    private static void sit(Map<List<String>, Membership> seats, Map<String, Group> groups, String groupId,
            String userId, PlanOperation op) {
        Group g = groups.get(groupId);
        require(g != null && g.isActive(), op, "no active group " + groupId);
        require(seats.putIfAbsent(List.of(groupId, userId), new Membership(groupId, userId, SeatRole.MEMBER)) == null,
                op, "already seated");
    }

    private static void leave(Map<List<String>, Membership> seats, Map<String, Group> groups, String groupId,
            String userId, PlanOperation op) {
        require(seats.remove(List.of(groupId, userId)) != null, op, "no seat in " + groupId);
        Group g = groups.get(groupId);
        if (g.admins().contains(userId)) {
            groups.put(groupId, g.withAdmins(g.admins().stream().filter(a -> !a.equals(userId)).toList()));
        }
    }

    private static void require(boolean ok, PlanOperation op, String why) {
        if (!ok) {
            throw new IllegalStateException(op.op() + " " + op.userId() + ": " + why);
        }
    }
}
