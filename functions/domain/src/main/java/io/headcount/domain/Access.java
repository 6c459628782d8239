package io.headcount.domain;

import java.util.Arrays;

/** Who may do what. Every check starts with the org: a caller never reaches another org's records. */
public final class Access {

    private Access() {
    }

    public static boolean inOrg(Caller caller, String org) {
        return caller.org() != null && caller.org().equals(org);
    }

    public static boolean anyOf(Caller caller, String org, Role... roles) {
        return inOrg(caller, org) && Arrays.stream(roles).anyMatch(caller::has);
    }

    /** Join or leave: bots and admins for anyone in their org, everybody else only for themselves. */
    public static boolean mayActFor(Caller caller, String org, String userId) {
        if (!inOrg(caller, org)) {
            return false;
        }
        if (caller.has(Role.ADMIN) || caller.has(Role.BOT)) {
            return true;
        }
        return (caller.has(Role.MEMBER) || caller.has(Role.GROUP_ADMIN)) && userId.equals(caller.subject());
    }

    /** Reading seats is harmless: any role of the org. */
    public static boolean mayReadSeats(Caller caller, String org) {
        return anyOf(caller, org, Role.values());
    }

    public static boolean mayAdminister(Caller caller, String org) {
        return anyOf(caller, org, Role.ADMIN);
    }

    /** A member record: admins, and the member itself (signed in as a member or group admin). */
    public static boolean mayReadMember(Caller caller, String org, String userId) {
        return mayAdminister(caller, org) || (anyOf(caller, org, Role.MEMBER, Role.GROUP_ADMIN)
                && userId.equals(caller.subject()));
    }

    /** Posting chat events: the connector (bot) and admins of the org. */
    public static boolean mayIngest(Caller caller, String org) {
        return anyOf(caller, org, Role.BOT, Role.ADMIN);
    }

    /**
     * A group's digest: admins of the org, the group's own admins, and its seated members; nobody from another
     * group or org.
     */
    public static boolean mayReadDigest(Caller caller, String org, Group group, boolean seated) {
        if (mayAdminister(caller, org)) {
            return true;
        }
        return anyOf(caller, org, Role.GROUP_ADMIN, Role.MEMBER)
                && (seated || caller.has(Role.GROUP_ADMIN) && group.admins().contains(caller.subject()));
    }

    /** Who stayed silent is for those who moderate: the org's admins and the group's admins. */
    public static boolean seesSilentMembers(Caller caller, String org, Group group) {
        return mayAdminister(caller, org)
                || anyOf(caller, org, Role.GROUP_ADMIN) && group.admins().contains(caller.subject());
    }
}
