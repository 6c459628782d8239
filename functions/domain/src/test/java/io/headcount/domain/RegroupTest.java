package io.headcount.domain;

import static io.headcount.domain.GroupKind.FUNCTION;
import static io.headcount.domain.GroupKind.GENERAL;
import static io.headcount.domain.GroupKind.PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headcount.domain.PlanOperation.Op;
import io.headcount.domain.PlanOperation.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Hand-made regroup scenarios, each worked out before the planner ran. */
class RegroupTest {
    private static final String SALES = "customer-maintenance";

    private static List<String> users(String prefix, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> String.format("%s%02d", prefix, i)).toList();
    }

    private static Map<String, List<String>> seatsByGroup(OrgSnapshot s) {
        Map<String, List<String>> by = new TreeMap<>();
        s.memberships().forEach(m -> by.computeIfAbsent(m.groupId(), k -> new ArrayList<>()).add(m.userId()));
        return by;
    }

    private static String groupOf(OrgSnapshot s, String user) {
        List<String> in = s.memberships().stream().filter(m -> m.userId().equals(user))
                .map(Membership::groupId).toList();
        assertEquals(1, in.size(), user + " sits in " + in);
        return in.get(0);
    }

    private static List<PlanOperation> ops(RegroupPlan plan, Op op) {
        return plan.operations().stream().filter(o -> o.op() == op).toList();
    }

    /** A group of 40 with two chatty circles (8 and 7) and 25 who talk little. */
    private static OrgBuilder fortyInOneGroup(List<String> circleA, List<String> circleB, List<String> quiet) {
        OrgBuilder org = new OrgBuilder().group("east", FUNCTION, SALES, 15, 5, "a01");
        List<String> all = new ArrayList<>(circleA);
        all.addAll(circleB);
        all.addAll(quiet);
        all.forEach(u -> org.member(u, SALES));
        org.seat("east", all.toArray(String[]::new));
        org.circle(6, circleA).circle(5, circleB);
        // The quiet ones answer a circle member now and then, and each other along a chain.
        Random random = new Random(7);
        for (int i = 0; i < quiet.size(); i++) {
            org.talk(quiet.get(i), all.get(random.nextInt(15)), 1);
            if (i > 0) {
                org.talk(quiet.get(i), quiet.get(i - 1), 1);
            }
        }
        return org;
    }

    @Test
    void aGroupOfFortySplitsIntoThirteenThirteenAndFourteenKeepingItsCirclesWhole() {
        List<String> circleA = users("a", 8);
        List<String> circleB = users("b", 7);
        List<String> quiet = users("q", 25);
        OrgSnapshot before = fortyInOneGroup(circleA, circleB, quiet).build();

        RegroupPlan plan = Regroup.plan(before);
        OrgSnapshot after = Regroup.apply(before, plan);

        assertEquals(2, ops(plan, Op.CREATE_GROUP).size());
        assertTrue(ops(plan, Op.CREATE_GROUP).stream().allMatch(o -> o.reason() == Reason.SPLIT));
        assertEquals(List.of("east-2", "east-3"), ops(plan, Op.CREATE_GROUP).stream().map(PlanOperation::groupId)
                .toList());
        List<Integer> sizes = seatsByGroup(after).values().stream().map(List::size).sorted().toList();
        assertEquals(List.of(13, 13, 14), sizes);
        assertEquals(14, seatsByGroup(after).get("east").size(), "the group keeps the largest share");
        assertEquals(1, circleA.stream().map(u -> groupOf(after, u)).distinct().count(), "circle A stays whole");
        assertEquals(1, circleB.stream().map(u -> groupOf(after, u)).distinct().count(), "circle B stays whole");
        assertEquals("east", groupOf(after, "a01"), "the admin's circle stays");
        assertEquals(26, plan.moves());
        assertEquals(25, plan.lowerBound(), "25 over the cap must go; an even split moves one more");
        assertTrue(ops(plan, Op.MOVE).stream().allMatch(o -> o.reason() == Reason.SPLIT && o.from().equals("east")));
        // Each new group gets an admin, the old one keeps its own.
        assertEquals(Set.of("east-2", "east-3"), ops(plan, Op.SET_ADMIN).stream().map(PlanOperation::groupId)
                .collect(Collectors.toSet()));
        assertTrue(Regroup.plan(after).isEmpty());
    }

    @Test
    void aSplitKeepsFarMoreConversationInsideGroupsThanARandomSplit() {
        List<String> circleA = users("a", 8);
        List<String> circleB = users("b", 7);
        List<String> quiet = users("q", 25);
        OrgSnapshot before = fortyInOneGroup(circleA, circleB, quiet).build();
        OrgSnapshot after = Regroup.apply(before, Regroup.plan(before));

        Map<String, String> planned = new HashMap<>();
        after.memberships().forEach(m -> planned.put(m.userId(), m.groupId()));
        double plannedShare = keptInside(before.interactions(), planned);

        List<String> everyone = new ArrayList<>(planned.keySet());
        Collections.sort(everyone);
        Random random = new Random(42);
        double randomShare = 0;
        int runs = 200;
        for (int run = 0; run < runs; run++) {
            Collections.shuffle(everyone, random);
            Map<String, String> split = new HashMap<>();
            for (int i = 0; i < everyone.size(); i++) {
                split.put(everyone.get(i), i < 14 ? "east" : i < 27 ? "east-2" : "east-3");
            }
            randomShare += keptInside(before.interactions(), split) / runs;
        }
        System.out.printf("interaction weight kept inside groups: planned %.3f, random split %.3f (%.2fx)%n",
                plannedShare, randomShare, plannedShare / randomShare);
        assertTrue(plannedShare > 0.85, "planned split keeps " + plannedShare);
        assertTrue(plannedShare > 2 * randomShare, plannedShare + " vs random " + randomShare);
    }

    static double keptInside(List<Interaction> talk, Map<String, String> groupOf) {
        double inside = 0;
        double total = 0;
        for (Interaction i : talk) {
            total += i.weight();
            if (groupOf.get(i.a()).equals(groupOf.get(i.b()))) {
                inside += i.weight();
            }
        }
        return inside / total;
    }

    @Test
    void threeGroupsOfThreeOfOneKeyMergeIntoOne() {
        OrgBuilder org = new OrgBuilder()
                .group("north", FUNCTION, SALES, 15, 5, "n1")
                .group("north-2", FUNCTION, SALES, 15, 5, "m1")
                .group("north-3", FUNCTION, SALES, 15, 5, "k1");
        for (String u : List.of("n1", "n2", "n3", "m1", "m2", "m3", "k1", "k2", "k3")) {
            org.member(u, SALES);
        }
        OrgSnapshot before = org.seat("north", "n1", "n2", "n3").seat("north-2", "m1", "m2", "m3")
                .seat("north-3", "k1", "k2", "k3").build();

        RegroupPlan plan = Regroup.plan(before);
        OrgSnapshot after = Regroup.apply(before, plan);

        assertEquals(List.of("north-3", "north-2"), ops(plan, Op.ARCHIVE_GROUP).stream()
                .map(PlanOperation::groupId).toList(), "the newest of equal groups go first; the first group stays");
        assertTrue(ops(plan, Op.ARCHIVE_GROUP).stream().allMatch(o -> o.reason() == Reason.MERGE));
        assertEquals(6, ops(plan, Op.MOVE).size());
        assertTrue(ops(plan, Op.MOVE).stream().allMatch(o -> o.reason() == Reason.MERGE && o.to().equals("north")));
        assertEquals(Map.of("north", 9), seatsByGroup(after).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size())));
        assertEquals(6, plan.moves());
        assertEquals(6, plan.lowerBound());
        assertEquals(GroupStatus.ARCHIVED, after.groups().stream().filter(g -> g.groupId().equals("north-2"))
                .findFirst().orElseThrow().status());
        assertTrue(ops(plan, Op.SET_ADMIN).isEmpty(), "north keeps its admin n1");
        assertTrue(Regroup.plan(after).isEmpty());
    }

    @Test
    void aMemberWhoseFunctionChangedMovesWithReasonIrrelevant() {
        OrgBuilder org = new OrgBuilder()
                .group("care", FUNCTION, SALES, 15, 5, "c01")
                .group("expand", FUNCTION, "market-expansion", 15, 5, "e01");
        users("c", 6).forEach(u -> org.member(u, SALES));
        users("e", 6).forEach(u -> org.member(u, "market-expansion"));
        org.member("mover", "market-expansion");
        OrgSnapshot before = org.seat("care", users("c", 6).toArray(String[]::new)).seat("care", "mover")
                .seat("expand", users("e", 6).toArray(String[]::new)).build();

        RegroupPlan plan = Regroup.plan(before);

        assertEquals(List.of(PlanOperation.move("mover", "care", "expand", Reason.IRRELEVANT)), plan.operations());
        assertEquals(0, plan.moves(), "a change of function is not a balancing move");
        OrgSnapshot after = Regroup.apply(before, plan);
        assertEquals("expand", groupOf(after, "mover"));
        assertTrue(after.members().stream().filter(m -> m.userId().equals("mover")).findFirst().orElseThrow()
                .moves().isEmpty());
    }

    @Test
    void anInactiveMemberIsFlaggedThenRemovedOneNoticePeriodLaterAndTheInactiveAdminStays() {
        Instant longAgo = OrgBuilder.NOW.minus(Duration.ofDays(45));
        OrgBuilder org = new OrgBuilder().group("care", FUNCTION, SALES, 15, 5, "boss");
        users("c", 6).forEach(u -> org.member(u, SALES));
        org.member(new RosterEntry("sleeper", SALES, List.of(), MemberStatus.ACTIVE, longAgo, null, List.of()));
        org.member(new RosterEntry("boss", SALES, List.of(), MemberStatus.ACTIVE, longAgo, null, List.of()));
        OrgSnapshot first = org.seat("care", users("c", 6).toArray(String[]::new)).seat("care", "sleeper", "boss")
                .build();

        RegroupPlan notice = Regroup.plan(first);
        assertEquals(List.of(PlanOperation.flag("sleeper")), notice.operations());
        OrgSnapshot flagged = Regroup.apply(first, notice);

        OrgSnapshot sixDaysLater = at(flagged, OrgBuilder.NOW.plus(Duration.ofDays(6)));
        assertTrue(Regroup.plan(sixDaysLater).isEmpty(), "still within the notice period");

        OrgSnapshot weekLater = at(flagged, OrgBuilder.NOW.plus(Duration.ofDays(7)));
        RegroupPlan removal = Regroup.plan(weekLater);
        assertEquals(List.of(PlanOperation.remove("sleeper", "care", Reason.INACTIVE)), removal.operations());
        OrgSnapshot removed = Regroup.apply(weekLater, removal);
        assertTrue(removed.memberships().stream().noneMatch(m -> m.userId().equals("sleeper")));
        assertTrue(removed.memberships().stream().anyMatch(m -> m.userId().equals("boss")), "admins stay");
        assertTrue(Regroup.plan(removed).isEmpty(), "not added back, not flagged again");
    }

    @Test
    void aMemberWhoSpeaksDuringTheNoticePeriodStays() {
        Instant longAgo = OrgBuilder.NOW.minus(Duration.ofDays(45));
        OrgBuilder org = new OrgBuilder().group("care", FUNCTION, SALES, 15, 5, "c01");
        users("c", 6).forEach(u -> org.member(u, SALES));
        org.member(new RosterEntry("sleeper", SALES, List.of(), MemberStatus.ACTIVE, longAgo, null, List.of()));
        OrgSnapshot first = org.seat("care", users("c", 6).toArray(String[]::new)).seat("care", "sleeper").build();
        OrgSnapshot flagged = Regroup.apply(first, Regroup.plan(first));

        Instant spoke = OrgBuilder.NOW.plus(Duration.ofDays(2));
        List<RosterEntry> members = flagged.members().stream()
                .map(m -> m.userId().equals("sleeper") ? new RosterEntry(m.userId(), m.function(), m.projects(),
                        m.status(), spoke, m.flaggedAt(), m.moves()) : m)
                .toList();
        OrgSnapshot weekLater = new OrgSnapshot(flagged.policy(), OrgBuilder.NOW.plus(Duration.ofDays(7)), members,
                flagged.groups(), flagged.memberships(), flagged.interactions());
        assertTrue(Regroup.plan(weekLater).isEmpty());
    }

    @Test
    void aGroupWithoutAnAdminGetsItsMostActiveMember() {
        OrgBuilder org = new OrgBuilder().group("care", FUNCTION, SALES, 15, 5);
        for (int i = 1; i <= 6; i++) {
            org.member(new RosterEntry("c" + i, SALES, List.of(), MemberStatus.ACTIVE,
                    OrgBuilder.NOW.minus(Duration.ofHours(10 - i)), null, List.of()));
        }
        OrgSnapshot before = org.seat("care", "c1", "c2", "c3", "c4", "c5", "c6").build();
        assertEquals(List.of(PlanOperation.setAdmin("c6", "care")), Regroup.plan(before).operations());
    }

    @Test
    void membersWhoLeftAreRemovedEverywhereAndGeneralGroupsAreOtherwiseLeftAlone() {
        OrgBuilder org = new OrgBuilder()
                .group("all", GENERAL, "all", 500, 1, "c01")
                .group("care", FUNCTION, SALES, 15, 5, "c01");
        users("c", 6).forEach(u -> org.member(u, SALES));
        org.member(new RosterEntry("gone", SALES, List.of(), MemberStatus.LEFT, OrgBuilder.NOW, null, List.of()));
        org.member(new RosterEntry("old", SALES, List.of(), MemberStatus.ACTIVE,
                OrgBuilder.NOW.minus(Duration.ofDays(100)), OrgBuilder.NOW.minus(Duration.ofDays(30)), List.of()));
        OrgSnapshot before = org.seat("all", "c01", "gone", "old").seat("care", users("c", 6).toArray(String[]::new))
                .seat("care", "gone").build();

        RegroupPlan plan = Regroup.plan(before);

        assertEquals(List.of(PlanOperation.remove("gone", "all", Reason.LEFT),
                PlanOperation.remove("gone", "care", Reason.LEFT)), plan.operations(),
                "the inactive member keeps the general seat; nobody is added to the general group");
    }

    @Test
    void membersMovedTwiceIn90DaysStayPutAndTheGroupIsReportedOverCap() {
        Instant recently = OrgBuilder.NOW.minus(Duration.ofDays(20));
        OrgBuilder org = new OrgBuilder().group("care", FUNCTION, SALES, 10, 3, "c01")
                .group("care-2", FUNCTION, SALES, 10, 3, "d01");
        List<String> care = users("c", 14);
        for (String u : care) {
            org.member(new RosterEntry(u, SALES, List.of(), MemberStatus.ACTIVE, OrgBuilder.NOW, null,
                    u.equals("c14") ? List.of() : List.of(recently, recently.plus(Duration.ofDays(1)))));
        }
        users("d", 8).forEach(u -> org.member(u, SALES));
        OrgSnapshot before = org.seat("care", care.toArray(String[]::new))
                .seat("care-2", users("d", 8).toArray(String[]::new)).build();

        RegroupPlan plan = Regroup.plan(before);

        assertEquals(List.of(PlanOperation.move("c14", "care", "care-2", Reason.SPLIT)), plan.operations(),
                "only c14 is free to move; the 13 others moved twice this quarter");
        assertEquals(List.of(new RegroupPlan.Unsettled("care", 13,
                "over cap: 13 of its members do not move (admins, moved twice in 90 days, or outside the pool)")),
                plan.unsettled());
        assertEquals(1, plan.lowerBound());
    }

    @Test
    void ungroupedMembersOfANewProjectGetAGroupOpenedForThem() {
        OrgBuilder org = new OrgBuilder().policy(OrgBuilder.policy(12, 4, Eligibility.MATCH));
        users("p", 20).forEach(u -> org.member(u, SALES, "apollo"));
        OrgSnapshot before = org.build();

        RegroupPlan plan = Regroup.plan(before);
        OrgSnapshot after = Regroup.apply(before, plan);

        List<PlanOperation> created = ops(plan, Op.CREATE_GROUP);
        assertEquals(List.of("function-customer-maintenance", "function-customer-maintenance-2", "project-apollo",
                "project-apollo-2"), created.stream().map(PlanOperation::groupId).toList());
        assertEquals(List.of(10, 10, 10, 10), seatsByGroup(after).values().stream().map(List::size).toList());
        assertEquals(40, ops(plan, Op.ADD).size());
        assertEquals(0, plan.moves());
        assertTrue(Regroup.plan(after).isEmpty());
    }

    @Test
    void aGroupBelowMinimumIsFilledFromItsLargestSibling() {
        OrgBuilder org = new OrgBuilder().group("care", FUNCTION, SALES, 15, 5, "c01")
                .group("care-2", FUNCTION, SALES, 15, 5, "d01");
        users("c", 14).forEach(u -> org.member(u, SALES));
        users("d", 2).forEach(u -> org.member(u, SALES));
        OrgSnapshot before = org.seat("care", users("c", 14).toArray(String[]::new))
                .seat("care-2", users("d", 2).toArray(String[]::new)).build();

        RegroupPlan plan = Regroup.plan(before);

        assertEquals(3, plan.moves());
        assertTrue(ops(plan, Op.MOVE).stream().allMatch(o -> o.reason() == Reason.FILL && o.to().equals("care-2")));
        assertEquals(List.of(11, 5), seatsByGroup(Regroup.apply(before, plan)).values().stream().map(List::size)
                .toList());
    }

    @Test
    void theSameSnapshotInAnyOrderGivesTheSamePlanByteForByte() {
        OrgSnapshot before = fortyInOneGroup(users("a", 8), users("b", 7), users("q", 25))
                .group("south", PROJECT, "apollo", 15, 5).member("x1", SALES, "apollo").build();
        RegroupPlan plan = Regroup.plan(before);
        Random random = new Random(3);
        for (int i = 0; i < 20; i++) {
            OrgSnapshot shuffled = new OrgSnapshot(before.policy(), before.now(), shuffle(before.members(), random),
                    shuffle(before.groups(), random), shuffle(before.memberships(), random),
                    shuffle(before.interactions(), random));
            RegroupPlan again = Regroup.plan(shuffled);
            assertEquals(plan.toString(), again.toString());
            assertEquals(plan.fingerprint(), shuffled.fingerprint());
        }
        assertNotEquals(plan.fingerprint(), Regroup.apply(before, plan).fingerprint());
    }

    private static <T> List<T> shuffle(List<T> list, Random random) {
        List<T> copy = new ArrayList<>(list);
        Collections.shuffle(copy, random);
        return copy;
    }

    private static OrgSnapshot at(OrgSnapshot s, Instant when) {
        return new OrgSnapshot(s.policy(), when, s.members(), s.groups(), s.memberships(), s.interactions());
    }
}
