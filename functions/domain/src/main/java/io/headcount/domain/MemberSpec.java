package io.headcount.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A roster entry as an administrator describes it (the body of PUT /orgs/{org}/members/{user}, and one row of a
 * roster import).
 *
 * @param status ACTIVE or LEFT; absent keeps the member's status (ACTIVE for a new member)
 */
public record MemberSpec(String name, String function, List<String> projects, Map<String, String> platformUserIds,
        String status) {

    public static final Set<String> PLATFORMS = Set.of("slack", "feishu", "dingtalk", "wecom");
    public static final int MAX_PROJECTS = 50;

    /** A spec that leaves the status as it is. */
    public MemberSpec(String name, String function, List<String> projects, Map<String, String> platformUserIds) {
        this(name, function, projects, platformUserIds, null);
    }

    /** The member after applying this spec; the seat count, and the status unless given, carry over from {@code existing}. */
    public Checked<Member> toMember(String userId, Member existing) {
        Rules rules = new Rules();
        rules.id("userId", userId);
        rules.text("name", name, GroupSpec.MAX_NAME, true);
        rules.id("function", function);
        rules.ids("projects", projects, MAX_PROJECTS);
        Map<String, String> platformIds = platformUserIds == null ? Map.of() : platformUserIds;
        platformIds.forEach((platform, id) -> {
            if (!PLATFORMS.contains(platform)) {
                rules.fail("platformUserIds." + platform, "unknown platform; expected one of " + PLATFORMS);
            } else {
                rules.text("platformUserIds." + platform, id, GroupSpec.MAX_PLATFORM_ID, true);
            }
        });
        MemberStatus kept = existing == null ? MemberStatus.ACTIVE : existing.status();
        MemberStatus newStatus = rules.oneOf("status", status, MemberStatus.class, kept);
        if (!rules.ok()) {
            return Checked.invalid(rules.violations());
        }
        int seats = existing == null ? 0 : existing.groupCount();
        return Checked.ok(new Member(userId, name.strip(), function, projects == null ? List.of() : projects,
                newStatus, platformIds, seats));
    }
}
