package io.headcount.domain;

import java.util.List;
import java.util.Map;

/**
 * A person on the org's roster.
 *
 * @param platformUserIds the member's id on each chat platform: {@code slack}, {@code feishu}, {@code dingtalk}, {@code wecom}
 * @param groupCount      groups the member currently has a seat in
 */
public record Member(
        String userId,
        String name,
        String function,
        List<String> projects,
        MemberStatus status,
        Map<String, String> platformUserIds,
        int groupCount) {

    public Member {
        projects = List.copyOf(projects);
        platformUserIds = Map.copyOf(platformUserIds);
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }
}
