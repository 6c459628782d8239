package io.headcount.domain;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A roster entry as an administrator describes it (the body of PUT /orgs/{org}/members/{user}). */
public record MemberSpec(String name, String function, List<String> projects, Map<String, String> platformUserIds) {

    public static final Set<String> PLATFORMS = Set.of("slack", "feishu", "dingtalk", "wecom");
    public static final int MAX_PROJECTS = 50;

    /** The member after applying this spec; status and seat count carry over from {@code existing}. */
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
        if (!rules.ok()) {
            return Checked.invalid(rules.violations());
        }
        MemberStatus status = existing == null ? MemberStatus.ACTIVE : existing.status();
        int seats = existing == null ? 0 : existing.groupCount();
        return Checked.ok(new Member(userId, name.strip(), function, projects == null ? List.of() : projects, status,
                platformIds, seats));
    }
}
