package io.headcount.domain;

import java.util.List;
import java.util.Map;

/** Small builders for the facts the domain decides on. Defaults are the smallest valid ones. */
final class Fixtures {

    static final String FUNCTION_KEY = "customer-maintenance";

    private Fixtures() {
    }

    static GroupBuilder group(String id) {
        return new GroupBuilder(id);
    }

    static MemberBuilder member(String id) {
        return new MemberBuilder(id);
    }

    static Policy policy(Eligibility eligibility) {
        Policy d = Policy.DEFAULT;
        return new Policy(d.cap(), d.minSize(), d.hardCap(), d.maxGroupsPerMember(), eligibility, d.overflow(),
                d.inactivityDays(), d.timeZone(), d.language(), d.retentionDays(), d.topicTags(), d.requireTags(), d.weights(),
                d.noticeDays(), d.autoApply());
    }

    static Policy policy(int maxGroupsPerMember) {
        Policy d = Policy.DEFAULT;
        return new Policy(d.cap(), d.minSize(), d.hardCap(), maxGroupsPerMember, d.eligibility(), d.overflow(),
                d.inactivityDays(), d.timeZone(), d.language(), d.retentionDays(), d.topicTags(), d.requireTags(), d.weights(),
                d.noticeDays(), d.autoApply());
    }

    static String repeat(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    static final class GroupBuilder {
        private String groupId;
        private String name;
        private GroupKind kind = GroupKind.FUNCTION;
        private String key = FUNCTION_KEY;
        private int cap = 15;
        private int minSize = 5;
        private List<String> admins = List.of("boss");
        private int memberCount;
        private int waitlist;
        private GroupStatus status = GroupStatus.ACTIVE;
        private String overflowOf;
        private OverflowMode overflow = OverflowMode.DENY;
        private String welcome;
        private String platformChatId;

        private GroupBuilder(String groupId) {
            this.groupId = groupId;
            this.name = "Group " + groupId;
        }

        GroupBuilder name(String v) { name = v; return this; }
        GroupBuilder kind(GroupKind v) { kind = v; return this; }
        GroupBuilder key(String v) { key = v; return this; }
        GroupBuilder cap(int v) { cap = v; return this; }
        GroupBuilder minSize(int v) { minSize = v; return this; }
        GroupBuilder admins(List<String> v) { admins = v; return this; }
        GroupBuilder members(int v) { memberCount = v; return this; }
        GroupBuilder waitlist(int v) { waitlist = v; return this; }
        GroupBuilder archived() { status = GroupStatus.ARCHIVED; return this; }
        GroupBuilder overflowOf(String v) { overflowOf = v; return this; }
        GroupBuilder overflow(OverflowMode v) { overflow = v; return this; }
        GroupBuilder welcome(String v) { welcome = v; return this; }
        GroupBuilder platformChatId(String v) { platformChatId = v; return this; }

        /** Every seat taken. */
        GroupBuilder full() { memberCount = cap; return this; }

        Group build() {
            return new Group(groupId, name, kind, key, cap, minSize, admins, memberCount, waitlist, status, overflowOf,
                    overflow, welcome, platformChatId);
        }
    }

    static final class MemberBuilder {
        private final String userId;
        private String name;
        private String function = FUNCTION_KEY;
        private List<String> projects = List.of();
        private MemberStatus status = MemberStatus.ACTIVE;
        private int groupCount;

        private MemberBuilder(String userId) {
            this.userId = userId;
            this.name = "Member " + userId;
        }

        MemberBuilder name(String v) { name = v; return this; }
        MemberBuilder function(String v) { function = v; return this; }
        MemberBuilder projects(String... v) { projects = List.of(v); return this; }
        MemberBuilder left() { status = MemberStatus.LEFT; return this; }
        MemberBuilder groupCount(int v) { groupCount = v; return this; }

        Member build() {
            return new Member(userId, name, function, projects, status, Map.of(), groupCount);
        }
    }
}
