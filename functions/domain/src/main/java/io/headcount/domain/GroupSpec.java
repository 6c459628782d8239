package io.headcount.domain;

import java.util.List;

/**
 * A group as an administrator describes it (the body of PUT /orgs/{org}/groups/{group}). Enums arrive as text
 * so that a wrong value gets a readable answer.
 */
public record GroupSpec(
        String name,
        String kind,
        String key,
        Integer cap,
        Integer minSize,
        List<String> admins,
        String overflow,
        String welcome,
        String platformChatId) {

    public static final int MAX_NAME = 100;
    public static final int MAX_WELCOME = 1000;
    public static final int MAX_ADMINS = 20;
    public static final int MAX_PLATFORM_ID = 128;

    /**
     * The group after applying this spec. Seats, waitlist and status carry over from {@code existing}; lowering
     * the cap below the current members is allowed (regroup splits the group later).
     */
    public Checked<Group> toGroup(String groupId, Policy policy, Group existing) {
        Rules rules = new Rules();
        rules.id("groupId", groupId);
        rules.text("name", name, MAX_NAME, true);
        GroupKind groupKind = rules.oneOf("kind", kind, GroupKind.class, null);
        rules.id("key", key);
        rules.range("cap", cap, 1, policy.hardCap());
        int min = minSize != null ? minSize : Math.min(policy.minSize(), cap == null ? policy.minSize() : cap);
        if (minSize != null) {
            rules.range("minSize", minSize, 1, cap == null ? policy.hardCap() : Math.max(1, cap));
        }
        rules.ids("admins", admins, MAX_ADMINS);
        if (admins == null) {
            rules.fail("admins", "is required (it may be empty)");
        }
        OverflowMode mode = rules.oneOf("overflow", overflow, OverflowMode.class, policy.overflow());
        rules.text("welcome", welcome, MAX_WELCOME, false);
        rules.text("platformChatId", platformChatId, MAX_PLATFORM_ID, false);
        if (!rules.ok()) {
            return Checked.invalid(rules.violations());
        }
        int members = existing == null ? 0 : existing.memberCount();
        int waiting = existing == null ? 0 : existing.waitlist();
        GroupStatus status = existing == null ? GroupStatus.ACTIVE : existing.status();
        String overflowOf = existing == null ? null : existing.overflowOf();
        return Checked.ok(new Group(groupId, name.strip(), groupKind, key, cap, min, admins, members, waiting, status,
                overflowOf, mode, welcome, platformChatId));
    }
}
