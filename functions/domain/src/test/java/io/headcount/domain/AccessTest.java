package io.headcount.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AccessTest {

    private static final String ORG = "acme";
    private static final String SELF = "li-lei";
    private static final String OTHER = "han-meimei";

    private static Caller caller(Role role) {
        return new Caller(SELF, ORG, Set.of(role));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void anotherOrgsCallerIsRefusedEverything(Role role) {
        Caller foreign = caller(role);
        String org = "globex";

        assertFalse(Access.inOrg(foreign, org));
        assertFalse(Access.anyOf(foreign, org, Role.values()));
        assertFalse(Access.mayActFor(foreign, org, SELF));
        assertFalse(Access.mayActFor(foreign, org, OTHER));
        assertFalse(Access.mayReadSeats(foreign, org));
        assertFalse(Access.mayAdminister(foreign, org));
        assertFalse(Access.mayReadMember(foreign, org, SELF));
        assertFalse(Access.mayReadMember(foreign, org, OTHER));
    }

    @Test
    void callerWithEveryRoleButAnotherOrgIsRefusedEverything() {
        Caller foreign = new Caller(SELF, ORG, EnumSet.allOf(Role.class));
        for (String org : new String[] {"globex", "ACME", "acme ", ""}) {
            assertFalse(Access.mayActFor(foreign, org, SELF), org);
            assertFalse(Access.mayReadSeats(foreign, org), org);
            assertFalse(Access.mayAdminister(foreign, org), org);
            assertFalse(Access.mayReadMember(foreign, org, SELF), org);
        }
    }

    @Test
    void callerWithoutAnOrgIsRefusedEverything() {
        Caller noOrg = new Caller(SELF, null, EnumSet.allOf(Role.class));
        assertFalse(Access.mayActFor(noOrg, ORG, SELF));
        assertFalse(Access.mayReadSeats(noOrg, ORG));
        assertFalse(Access.mayAdminister(noOrg, ORG));
        assertFalse(Access.mayReadMember(noOrg, ORG, SELF));
        assertFalse(Access.inOrg(noOrg, null), "a missing org never matches a missing org");
    }

    @Test
    void onlyMembersAndGroupAdminsReadThemselvesByTheirSubject() {
        assertTrue(Access.mayReadMember(caller(Role.MEMBER), ORG, SELF));
        assertTrue(Access.mayReadMember(caller(Role.GROUP_ADMIN), ORG, SELF));
        assertFalse(Access.mayReadMember(caller(Role.BOT), ORG, SELF));
        assertFalse(Access.mayReadMember(new Caller(SELF, ORG, java.util.Set.of()), ORG, SELF));
    }

    @Test
    void memberJoinsAndLeavesOnlyForItself() {
        assertTrue(Access.mayActFor(caller(Role.MEMBER), ORG, SELF));
        assertFalse(Access.mayActFor(caller(Role.MEMBER), ORG, OTHER));
    }

    @Test
    void groupAdminJoinsAndLeavesOnlyForItself() {
        assertTrue(Access.mayActFor(caller(Role.GROUP_ADMIN), ORG, SELF));
        assertFalse(Access.mayActFor(caller(Role.GROUP_ADMIN), ORG, OTHER));
    }

    @Test
    void botActsForAnyoneInItsOrg() {
        Caller bot = new Caller("connector", ORG, Set.of(Role.BOT));
        assertTrue(Access.mayActFor(bot, ORG, SELF));
        assertTrue(Access.mayActFor(bot, ORG, OTHER));
        assertTrue(Access.mayActFor(bot, ORG, "connector"));
    }

    @Test
    void adminActsForAnyoneInItsOrg() {
        assertTrue(Access.mayActFor(caller(Role.ADMIN), ORG, SELF));
        assertTrue(Access.mayActFor(caller(Role.ADMIN), ORG, OTHER));
    }

    @Test
    void callerWithoutRolesActsForNobody() {
        Caller nobody = new Caller(SELF, ORG, Set.of());
        assertFalse(Access.mayActFor(nobody, ORG, SELF));
        assertFalse(Access.mayReadSeats(nobody, ORG));
        assertFalse(Access.mayAdminister(nobody, ORG));
    }

    @Test
    void callerWithoutASubjectActsOnlyThroughItsRole() {
        assertFalse(Access.mayActFor(new Caller(null, ORG, Set.of(Role.MEMBER)), ORG, SELF));
        assertTrue(Access.mayActFor(new Caller(null, ORG, Set.of(Role.BOT)), ORG, SELF));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void seatsAreReadableByEveryRoleOfTheOrg(Role role) {
        assertTrue(Access.mayReadSeats(caller(role), ORG));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void onlyAdminAdministers(Role role) {
        assertEquals(role == Role.ADMIN, Access.mayAdminister(caller(role), ORG));
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void memberRecordIsReadByAdminOrSelf(Role role) {
        assertEquals(role != Role.BOT, Access.mayReadMember(caller(role), ORG, SELF), "self");
        assertEquals(role == Role.ADMIN, Access.mayReadMember(caller(role), ORG, OTHER), "another member");
    }

    @Test
    void rolesMapFromTheTokensGroupsClaim() {
        assertEquals(Optional.of(Role.ADMIN), Role.fromClaim("admin"));
        assertEquals(Optional.of(Role.GROUP_ADMIN), Role.fromClaim("group-admin"));
        assertEquals(Optional.of(Role.MEMBER), Role.fromClaim("member"));
        assertEquals(Optional.of(Role.BOT), Role.fromClaim("bot"));
        assertEquals(Optional.empty(), Role.fromClaim("ADMIN"));
        assertEquals(Optional.empty(), Role.fromClaim("superuser"));
        assertEquals(Optional.empty(), Role.fromClaim(null));
    }
}
