package io.headcount.domain;

/**
 * The rules of one org. Groups may override cap, minSize and overflow.
 *
 * @param hardCap the chat platform's own limit on group size; no cap may exceed it
 */
public record Policy(
        int cap,
        int minSize,
        int hardCap,
        int maxGroupsPerMember,
        Eligibility eligibility,
        OverflowMode overflow,
        int inactivityDays,
        String timeZone,
        Language language) {

    public static final Policy DEFAULT = new Policy(
            15, 5, 500, 5, Eligibility.MATCH, OverflowMode.OPEN_OVERFLOW, 30, "Asia/Shanghai", Language.ZH_CN);
}
