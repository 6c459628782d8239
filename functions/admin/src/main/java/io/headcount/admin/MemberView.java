package io.headcount.admin;

import io.headcount.domain.Member;
import java.util.List;
import java.util.Map;

/** A roster entry as the admin routes show it; {@code groups} is how many groups the member sits in. */
public record MemberView(String userId, String name, String function, List<String> projects, String status,
        Map<String, String> platformUserIds, int groups) {

    static MemberView of(Member m) {
        return new MemberView(m.userId(), m.name(), m.function(), m.projects(), m.status().name(),
                m.platformUserIds(), m.groupCount());
    }
}
