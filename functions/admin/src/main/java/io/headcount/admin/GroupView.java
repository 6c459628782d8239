package io.headcount.admin;

import io.headcount.domain.Group;
import java.util.List;

/** A group as the admin routes show it, with its fill level. */
public record GroupView(String groupId, String name, String kind, String key, String status, int cap, int minSize,
        int members, int free, int waitlist, List<String> admins, String overflow, String overflowOf, String welcome,
        String platformChatId) {

    static GroupView of(Group g) {
        return new GroupView(g.groupId(), g.name(), g.kind().name(), g.key(), g.status().name(), g.cap(),
                g.minSize(), g.memberCount(), g.free(), g.waitlist(), g.admins(), g.overflow().name(),
                g.overflowOf(), g.welcome(), g.platformChatId());
    }
}
