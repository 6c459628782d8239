package io.headcount.regroup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headcount.adapters.GroupItems;
import io.headcount.adapters.Keys;
import io.headcount.adapters.MemberItems;
import io.headcount.adapters.Table;
import io.headcount.adapters.Write;
import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.Member;
import io.headcount.domain.MemberStatus;
import io.headcount.domain.OverflowMode;
import io.headcount.domain.PlanOperation;
import io.headcount.domain.PlanOperation.Reason;
import io.headcount.domain.RegroupPlan;
import io.headcount.seating.Seating;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Orgs for regroup tests, seated through real joins (the seats, pool seats and counters join-check writes), then
 * changed as people change: a cap lowered below the members, someone moving to another function or leaving a
 * project, someone leaving the company.
 */
final class Seeded {
    private final Table table;
    private final Seating seating;

    Seeded(Table table, Seating seating) {
        this.table = table;
        this.seating = seating;
    }

    Group group(String org, String id, GroupKind kind, String key, int cap, List<String> admins) {
        Group g = new Group(id, "群 " + id, kind, key, cap, Math.min(5, cap), admins, 0, 0, GroupStatus.ACTIVE, null,
                OverflowMode.DENY, "欢迎 {name}！", null);
        table.put(new HashMap<>(Keys.orgListing(org).toMap()));
        return GroupItems.from(table.update(GroupItems.upsert(org, g)));
    }

    void member(String org, String id, String function, List<String> projects) {
        table.update(MemberItems.upsert(org, new Member(id, "成员 " + id, function, projects, MemberStatus.ACTIVE,
                Map.of(), 0)));
    }

    void join(String org, String group, String... users) {
        for (String user : users) {
            assertEquals("ADMITTED", seating.join(org, group, user).decision(), user + " joins " + group);
        }
    }

    void leftTheCompany(String org, String user) {
        table.update(Write.update(Keys.member(org, user), "SET #status = :left")
                .value(":left", MemberStatus.LEFT.name()));
    }

    void recap(String org, String groupId, int cap) {
        Group g = GroupItems.from(table.get(Keys.group(org, groupId)).orElseThrow());
        table.update(GroupItems.upsert(org, new Group(g.groupId(), g.name(), g.kind(), g.key(), cap, g.minSize(),
                g.admins(), 0, 0, g.status(), g.overflowOf(), g.overflow(), g.welcome(), g.platformChatId())));
    }

    static List<String> users(String prefix, int from, int to) {
        List<String> users = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            users.add(prefix + i);
        }
        return users;
    }

    /**
     * A sales org after a busy quarter: east grew to 14 and its cap was lowered to 10, tiny is down to two, s21 and
     * s22 sit nowhere, s5 moved to support, s14 left project alpha and leftie left the company.
     */
    void busyQuarter(String org) {
        group(org, "east", GroupKind.FUNCTION, "sales", 30, List.of("s0", "s12"));
        group(org, "west", GroupKind.FUNCTION, "sales", 10, List.of());
        group(org, "tiny", GroupKind.FUNCTION, "sales", 10, List.of("s19"));
        group(org, "care", GroupKind.FUNCTION, "support", 10, List.of("c0"));
        group(org, "alpha", GroupKind.PROJECT, "alpha", 10, List.of());
        for (String s : users("s", 0, 22)) {
            member(org, s, "sales", List.of("s0", "s1", "s2", "s14").contains(s) ? List.of("alpha") : List.of());
        }
        member(org, "c0", "support", List.of());
        member(org, "leftie", "sales", List.of());
        join(org, "east", users("s", 0, 13).toArray(String[]::new));
        join(org, "west", "s14", "s15", "s16", "s17", "s18", "leftie");
        join(org, "tiny", "s19", "s20");
        join(org, "care", "c0");
        join(org, "alpha", "s0", "s1", "s14");
        recap(org, "east", 10);
        member(org, "s5", "support", List.of());
        member(org, "s14", "sales", List.of());
        leftTheCompany(org, "leftie");
    }

    /** What a planner would do with {@link #busyQuarter}: 21 steps of every kind. */
    static RegroupPlan busyQuarterPlan(String fingerprint) {
        List<PlanOperation> ops = new ArrayList<>();
        ops.add(PlanOperation.create(new Group("east-2", "群 east 2", GroupKind.FUNCTION, "sales", 10, 5, List.of(),
                0, 0, GroupStatus.ACTIVE, "east", OverflowMode.DENY, null, null), Reason.SPLIT));
        ops.add(PlanOperation.remove("leftie", "west", Reason.LEFT));
        ops.add(PlanOperation.remove("s14", "alpha", Reason.IRRELEVANT));
        ops.add(PlanOperation.move("s5", "east", "care", Reason.IRRELEVANT));
        for (String s : users("s", 8, 13)) {
            ops.add(PlanOperation.move(s, "east", "east-2", Reason.SPLIT));
        }
        ops.add(PlanOperation.move("s19", "tiny", "west", Reason.MERGE));
        ops.add(PlanOperation.move("s20", "tiny", "east-2", Reason.MERGE));
        ops.add(PlanOperation.add("s21", "west", Reason.UNGROUPED));
        ops.add(PlanOperation.add("s22", "east-2", Reason.UNGROUPED));
        ops.add(PlanOperation.add("s2", "alpha", Reason.UNGROUPED));
        ops.add(PlanOperation.flag("s3"));
        ops.add(PlanOperation.flag("s15"));
        ops.add(PlanOperation.setAdmin("s8", "east-2"));
        ops.add(PlanOperation.setAdmin("s14", "west"));
        ops.add(PlanOperation.setAdmin("s1", "alpha"));
        ops.add(PlanOperation.archive("tiny", Reason.MERGE));
        int moves = (int) ops.stream().filter(PlanOperation::isBalancingMove).count();
        return new RegroupPlan(fingerprint, ops, moves, moves, List.of(new RegroupPlan.Unsettled("alpha", 3,
                "the project has 3 members")));
    }
}
