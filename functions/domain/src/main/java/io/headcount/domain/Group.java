package io.headcount.domain;

import java.util.List;

/**
 * A group chat under management.
 *
 * @param memberCount seats taken
 * @param waitlist    members queued for a seat
 * @param overflowOf  the group this one was opened from when its pool was full, or null
 */
public record Group(
        String groupId,
        String name,
        GroupKind kind,
        String key,
        int cap,
        int minSize,
        List<String> admins,
        int memberCount,
        int waitlist,
        GroupStatus status,
        String overflowOf,
        OverflowMode overflow,
        String welcome,
        String platformChatId) {

    public Group {
        admins = List.copyOf(admins);
    }

    public Group withMemberCount(int members) {
        return new Group(groupId, name, kind, key, cap, minSize, admins, members, waitlist, status, overflowOf,
                overflow, welcome, platformChatId);
    }

    public Group withAdmins(List<String> newAdmins) {
        return new Group(groupId, name, kind, key, cap, minSize, newAdmins, memberCount, waitlist, status, overflowOf,
                overflow, welcome, platformChatId);
    }

    public Group withStatus(GroupStatus newStatus) {
        return new Group(groupId, name, kind, key, cap, minSize, admins, memberCount, waitlist, newStatus, overflowOf,
                overflow, welcome, platformChatId);
    }

    public int free() {
        return Math.max(0, cap - memberCount);
    }

    public boolean isActive() {
        return status == GroupStatus.ACTIVE;
    }

    /** Groups of the same kind and key form a pool: a full one hands joiners to its siblings. */
    public boolean samePool(Group other) {
        return kind == other.kind && key.equals(other.key);
    }

    /** The group an overflow chain started from; it names the groups opened after it. */
    public String rootId() {
        return overflowOf != null ? overflowOf : groupId;
    }
}
