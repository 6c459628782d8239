package io.headcount.domain;

import static io.headcount.domain.Fixtures.group;
import static io.headcount.domain.Fixtures.member;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AdmissionTest {

    private static final Policy POLICY = Policy.DEFAULT;

    private static Member joiner() {
        return member("u1").build();
    }

    private static Decision decide(Group group, Member member) {
        return Admission.decide(new JoinRequest(group, member, false, POLICY, List.of()));
    }

    private static Decision decide(Group group, Member member, List<Group> pool) {
        return Admission.decide(new JoinRequest(group, member, false, POLICY, pool));
    }

    private static void assertDenied(Decision decision, String groupId, DenialReason reason) {
        assertEquals(Outcome.DENIED, decision.outcome());
        assertEquals(reason, decision.reason());
        assertEquals(groupId, decision.groupId());
        assertNull(decision.position());
        assertNull(decision.opened());
    }

    private static void assertSeated(Decision decision, Outcome outcome, String groupId) {
        assertEquals(outcome, decision.outcome());
        assertEquals(groupId, decision.groupId());
        assertNull(decision.reason());
        assertNull(decision.position());
    }

    @Nested
    class Outcomes {

        @Test
        void memberNotOnTheRosterIsUnknown() {
            assertDenied(decide(group("g").build(), null), "g", DenialReason.UNKNOWN_MEMBER);
        }

        @Test
        void memberWhoLeftIsUnknown() {
            assertDenied(decide(group("g").build(), member("u1").left().build()), "g", DenialReason.UNKNOWN_MEMBER);
        }

        @Test
        void memberWithASeatIsAlreadyMember() {
            Decision d = Admission.decide(new JoinRequest(group("g").build(), joiner(), true, POLICY, List.of()));
            assertSeated(d, Outcome.ALREADY_MEMBER, "g");
        }

        @Test
        void archivedGroupTakesNobody() {
            assertDenied(decide(group("g").archived().build(), joiner()), "g", DenialReason.GROUP_ARCHIVED);
        }

        @Test
        void functionGroupRefusesAnotherFunction() {
            Group g = group("g").kind(GroupKind.FUNCTION).key("after-sales").build();
            assertDenied(decide(g, member("u1").function("market-expansion").build()), "g", DenialReason.NOT_ELIGIBLE);
        }

        @Test
        void functionGroupAdmitsItsFunction() {
            Group g = group("g").kind(GroupKind.FUNCTION).key("after-sales").build();
            assertSeated(decide(g, member("u1").function("after-sales").build()), Outcome.ADMITTED, "g");
        }

        @Test
        void projectGroupRefusesMemberWithoutTheProject() {
            Group g = group("g").kind(GroupKind.PROJECT).key("p-42").build();
            Member m = member("u1").projects("p-41", "p-43").build();
            assertDenied(decide(g, m), "g", DenialReason.NOT_ELIGIBLE);
        }

        @Test
        void projectGroupIgnoresTheFunctionEvenWhenItEqualsTheKey() {
            Group g = group("g").kind(GroupKind.PROJECT).key("p-42").build();
            Member m = member("u1").function("p-42").build();
            assertDenied(decide(g, m), "g", DenialReason.NOT_ELIGIBLE);
        }

        @Test
        void projectGroupAdmitsAMemberOfTheProject() {
            Group g = group("g").kind(GroupKind.PROJECT).key("p-42").build();
            Member m = member("u1").function("after-sales").projects("p-41", "p-42").build();
            assertSeated(decide(g, m), Outcome.ADMITTED, "g");
        }

        @Test
        void generalGroupIsOpenToEveryActiveMember() {
            Group g = group("g").kind(GroupKind.GENERAL).key("all-hands").build();
            Member m = member("u1").function("market-expansion").build();
            assertEquals(Eligibility.MATCH, POLICY.eligibility());
            assertSeated(decide(g, m), Outcome.ADMITTED, "g");
        }

        @Test
        void eligibilityAnyAdmitsSomeoneOfAnotherFunctionAndProject() {
            Policy any = Fixtures.policy(Eligibility.ANY);
            Member m = member("u1").function("market-expansion").build();
            Group fn = group("fn").kind(GroupKind.FUNCTION).key("after-sales").build();
            Group pr = group("pr").kind(GroupKind.PROJECT).key("p-42").build();
            assertSeated(Admission.decide(new JoinRequest(fn, m, false, any, List.of())), Outcome.ADMITTED, "fn");
            assertSeated(Admission.decide(new JoinRequest(pr, m, false, any, List.of())), Outcome.ADMITTED, "pr");
        }

        @Test
        void tooManyGroupsAtExactlyTheLimit() {
            Member m = member("u1").groupCount(POLICY.maxGroupsPerMember()).build();
            assertDenied(decide(group("g").build(), m), "g", DenialReason.TOO_MANY_GROUPS);
        }

        @Test
        void oneBelowTheGroupLimitIsAdmitted() {
            Member m = member("u1").groupCount(POLICY.maxGroupsPerMember() - 1).build();
            assertSeated(decide(group("g").build(), m), Outcome.ADMITTED, "g");
        }

        @Test
        void groupLimitComesFromThePolicy() {
            Member m = member("u1").groupCount(2).build();
            Decision d = Admission.decide(new JoinRequest(group("g").build(), m, false, Fixtures.policy(2), List.of()));
            assertDenied(d, "g", DenialReason.TOO_MANY_GROUPS);
        }

        @Test
        void lastFreeSeatIsGiven() {
            Group g = group("g").cap(15).members(14).overflow(OverflowMode.DENY).build();
            Decision d = decide(g, joiner());
            assertSeated(d, Outcome.ADMITTED, "g");
            assertNull(d.opened());
        }

        @Test
        void fullDenyGroupDeniesGroupFull() {
            Group g = group("g").cap(15).members(15).overflow(OverflowMode.DENY).build();
            assertDenied(decide(g, joiner()), "g", DenialReason.GROUP_FULL);
        }

        @Test
        void groupOverItsLoweredCapIsFull() {
            Group g = group("g").cap(10).members(12).overflow(OverflowMode.DENY).build();
            assertEquals(0, g.free());
            assertDenied(decide(g, joiner()), "g", DenialReason.GROUP_FULL);
        }

        @Test
        void fullWaitlistGroupQueuesBehindTheWaitlist() {
            Group g = group("g").full().waitlist(3).overflow(OverflowMode.WAITLIST).build();
            Decision d = decide(g, joiner());
            assertEquals(Outcome.WAITLISTED, d.outcome());
            assertEquals(4, d.position());
            assertEquals("g", d.groupId());
            assertNull(d.reason());
        }

        @Test
        void firstOnAnEmptyWaitlistIsPositionOne() {
            Group g = group("g").full().overflow(OverflowMode.WAITLIST).build();
            assertEquals(1, decide(g, joiner()).position());
        }
    }

    @Nested
    class Redirect {

        private final Group full = group("east").full().overflow(OverflowMode.REDIRECT).build();

        @Test
        void goesToTheSiblingWithTheMostFreeSeats() {
            List<Group> pool = List.of(full,
                    group("a").members(10).build(),
                    group("b").members(4).build(),
                    group("c").members(14).build());
            assertSeated(decide(full, joiner(), pool), Outcome.REDIRECTED, "b");
        }

        @Test
        void onEqualFreeSeatsGoesToTheSiblingWithFewerMembers() {
            // both have 6 free seats; "a" has 9 members of 15, "z" has 2 of 8
            List<Group> pool = List.of(full,
                    group("a").cap(15).members(9).build(),
                    group("z").cap(8).members(2).build());
            assertSeated(decide(full, joiner(), pool), Outcome.REDIRECTED, "z");
        }

        @Test
        void onEqualFreeSeatsAndMembersGoesToTheSmallerId() {
            List<Group> pool = List.of(full,
                    group("east-3").members(5).build(),
                    group("east-10").members(5).build(),
                    group("east-2x").members(5).build());
            assertSeated(decide(full, joiner(), pool), Outcome.REDIRECTED, "east-10");
        }

        @Test
        void ignoresArchivedSiblingsEvenWhenEmpty() {
            List<Group> pool = List.of(full,
                    group("archived").members(0).archived().build(),
                    group("open").members(13).build());
            assertSeated(decide(full, joiner(), pool), Outcome.REDIRECTED, "open");
        }

        @Test
        void ignoresGroupsOfAnotherKindOrKey() {
            List<Group> pool = List.of(full,
                    group("other-kind").kind(GroupKind.PROJECT).build(),
                    group("other-key").key("after-sales").build(),
                    group("same").members(14).build());
            assertSeated(decide(full, joiner(), pool), Outcome.REDIRECTED, "same");
        }

        @Test
        void neverRedirectsToTheGroupItself() {
            // a stale copy of the requested group in the pool that still shows free seats
            Group staleSelf = group("east").members(3).overflow(OverflowMode.REDIRECT).build();
            assertDenied(decide(full, joiner(), List.of(full, staleSelf)), "east", DenialReason.GROUP_FULL);
        }

        @Test
        void deniesWhenNoSiblingHasRoom() {
            List<Group> pool = List.of(full,
                    group("a").full().build(),
                    group("b").cap(10).members(11).build(),
                    group("archived").archived().build(),
                    group("other-key").key("after-sales").build());
            assertDenied(decide(full, joiner(), pool), "east", DenialReason.GROUP_FULL);
        }

        @Test
        void deniesWithAnEmptyPool() {
            assertDenied(decide(full, joiner(), List.of()), "east", DenialReason.GROUP_FULL);
        }

        @Test
        void choiceDoesNotDependOnPoolOrder() {
            List<Group> pool = new ArrayList<>(List.of(full,
                    group("d").members(8).build(),
                    group("c").cap(12).members(5).build(),
                    group("b").members(8).build(),
                    group("a").members(9).build(),
                    group("e").cap(20).members(13).build()));
            Random random = new Random(7);
            for (int i = 0; i < 20; i++) {
                Collections.shuffle(pool, random);
                // b, c, d and e all have 7 free; c has the fewest members
                assertSeated(decide(full, joiner(), pool), Outcome.REDIRECTED, "c");
            }
        }
    }

    @Nested
    class OpenOverflow {

        private final Group root = group("east").name("华东客户维护群").full().overflow(OverflowMode.OPEN_OVERFLOW).build();

        @Test
        void redirectsWhenASiblingHasRoom() {
            List<Group> pool = List.of(root,
                    group("east-2").overflowOf("east").members(14).overflow(OverflowMode.OPEN_OVERFLOW).build());
            Decision d = decide(root, joiner(), pool);
            assertSeated(d, Outcome.REDIRECTED, "east-2");
            assertNull(d.opened());
        }

        @Test
        void opensANewGroupWhenThePoolIsFull() {
            List<Group> pool = List.of(root,
                    group("east-2").overflowOf("east").full().overflow(OverflowMode.OPEN_OVERFLOW).build(),
                    group("east-old").members(0).archived().build());
            Decision d = decide(root, joiner(), pool);
            assertSeated(d, Outcome.OVERFLOW_OPENED, "east-3");
            assertNotNull(d.opened());
            assertEquals("east-3", d.opened().groupId());
            assertEquals("华东客户维护群 3", d.opened().name());
            assertEquals("east", d.opened().overflowOf());
            assertEquals(0, d.opened().memberCount());
        }

        @Test
        void opensANewGroupWithAnEmptyPool() {
            Decision d = decide(root, joiner(), List.of());
            assertEquals(Outcome.OVERFLOW_OPENED, d.outcome());
            assertEquals("east-2", d.groupId());
        }
    }

    @Nested
    class Precedence {

        private final Group fullRedirect = group("g").full().overflow(OverflowMode.REDIRECT).build();
        private final List<Group> roomyPool = List.of(fullRedirect, group("sibling").members(1).build());

        @Test
        void unknownMemberBeatsArchivedGroup() {
            Group g = group("g").archived().build();
            assertDenied(decide(g, null), "g", DenialReason.UNKNOWN_MEMBER);
            assertDenied(decide(g, member("u1").left().build()), "g", DenialReason.UNKNOWN_MEMBER);
        }

        @Test
        void unknownMemberBeatsAlreadyMember() {
            Member gone = member("u1").left().build();
            Decision d = Admission.decide(new JoinRequest(group("g").build(), gone, true, POLICY, List.of()));
            assertDenied(d, "g", DenialReason.UNKNOWN_MEMBER);
        }

        @Test
        void alreadyMemberBeatsFullIneligibleAndTooManyGroups() {
            Group g = group("g").key("after-sales").full().overflow(OverflowMode.DENY).build();
            Member m = member("u1").function("market-expansion").groupCount(9).build();
            Decision d = Admission.decide(new JoinRequest(g, m, true, POLICY, List.of()));
            assertSeated(d, Outcome.ALREADY_MEMBER, "g");
        }

        @Test
        void archivedBeatsNotEligible() {
            Group g = group("g").key("after-sales").archived().build();
            assertDenied(decide(g, member("u1").function("market-expansion").build()), "g",
                    DenialReason.GROUP_ARCHIVED);
        }

        @Test
        void archivedBeatsFull() {
            Group g = group("g").full().archived().overflow(OverflowMode.REDIRECT).build();
            assertDenied(decide(g, joiner(), List.of(g, group("sibling").build())), "g",
                    DenialReason.GROUP_ARCHIVED);
        }

        @Test
        void notEligibleBeatsTooManyGroups() {
            Group g = group("g").key("after-sales").build();
            Member m = member("u1").function("market-expansion").groupCount(POLICY.maxGroupsPerMember()).build();
            assertDenied(decide(g, m), "g", DenialReason.NOT_ELIGIBLE);
        }

        @Test
        void notEligibleBeatsRedirect() {
            Member m = member("u1").function("market-expansion").build();
            assertDenied(decide(fullRedirect, m, roomyPool), "g", DenialReason.NOT_ELIGIBLE);
        }

        @Test
        void tooManyGroupsBeatsRedirect() {
            Member m = member("u1").groupCount(POLICY.maxGroupsPerMember()).build();
            assertDenied(decide(fullRedirect, m, roomyPool), "g", DenialReason.TOO_MANY_GROUPS);
        }

        @Test
        void tooManyGroupsBeatsWaitlist() {
            Group g = group("g").full().overflow(OverflowMode.WAITLIST).build();
            Member m = member("u1").groupCount(POLICY.maxGroupsPerMember()).build();
            assertDenied(decide(g, m), "g", DenialReason.TOO_MANY_GROUPS);
        }
    }

    @Nested
    class NeedsPool {

        @ParameterizedTest
        @EnumSource(OverflowMode.class)
        void onlyAFullRedirectingOrOverflowingGroupNeedsItsPool(OverflowMode mode) {
            boolean usesPool = mode == OverflowMode.REDIRECT || mode == OverflowMode.OPEN_OVERFLOW;
            assertEquals(usesPool, Admission.needsPool(group("g").full().overflow(mode).build()), "full " + mode);
            assertEquals(usesPool, Admission.needsPool(group("g").cap(5).members(7).overflow(mode).build()),
                    "over cap " + mode);
            assertFalse(Admission.needsPool(group("g").cap(15).members(14).overflow(mode).build()),
                    "one free seat " + mode);
            assertFalse(Admission.needsPool(group("g").members(0).overflow(mode).build()), "empty " + mode);
        }

        @Test
        void fullRedirectNeedsPoolAndOpenOverflowToo() {
            assertTrue(Admission.needsPool(group("g").full().overflow(OverflowMode.REDIRECT).build()));
            assertTrue(Admission.needsPool(group("g").full().overflow(OverflowMode.OPEN_OVERFLOW).build()));
        }
    }

    @Nested
    class Again {

        private final Instant joined = Instant.parse("2026-03-02T01:00:00Z");

        private Seat seat(String requested, Outcome outcome, Instant at) {
            return new Seat("east-cm-2", "u1", SeatRole.MEMBER, requested, outcome, at);
        }

        @Test
        void retryWithinTheWindowGetsTheFirstAnswerAgain() {
            Decision d = Admission.again(seat("east-cm", Outcome.REDIRECTED, joined), "east-cm",
                    joined.plusSeconds(60));
            assertSeated(d, Outcome.REDIRECTED, "east-cm-2");
        }

        @Test
        void retryAtTheEndOfTheWindowStillCounts() {
            Decision d = Admission.again(seat("east-cm", Outcome.OVERFLOW_OPENED, joined), "east-cm",
                    joined.plus(Admission.RETRY_WINDOW));
            assertSeated(d, Outcome.OVERFLOW_OPENED, "east-cm-2");
        }

        @Test
        void afterTheWindowTheMemberIsAlreadyInTheSeatsGroup() {
            Decision d = Admission.again(seat("east-cm", Outcome.REDIRECTED, joined), "east-cm",
                    joined.plus(Admission.RETRY_WINDOW).plusMillis(1));
            assertSeated(d, Outcome.ALREADY_MEMBER, "east-cm-2");
        }

        @Test
        void askingForAnotherGroupOfThePoolIsNotARetry() {
            Decision d = Admission.again(seat("east-cm", Outcome.REDIRECTED, joined), "east-cm-3",
                    joined.plusSeconds(1));
            assertSeated(d, Outcome.ALREADY_MEMBER, "east-cm-2");
        }

        @Test
        void seatWithoutARecordedOutcomeOrTimeIsAlreadyMember() {
            assertSeated(Admission.again(seat("east-cm", null, joined), "east-cm", joined), Outcome.ALREADY_MEMBER,
                    "east-cm-2");
            assertSeated(Admission.again(seat("east-cm", Outcome.ADMITTED, null), "east-cm", joined),
                    Outcome.ALREADY_MEMBER, "east-cm-2");
            assertSeated(Admission.again(seat(null, Outcome.ADMITTED, joined), "east-cm", joined),
                    Outcome.ALREADY_MEMBER, "east-cm-2");
        }
    }
}
