package io.headcount.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds org snapshots for regroup tests: a roster, groups, seats and who talks to whom. */
final class OrgBuilder {
    static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");

    private Policy policy = Policy.DEFAULT;
    private Instant now = NOW;
    private final Map<String, RosterEntry> members = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final List<Membership> seats = new ArrayList<>();
    private final Map<String, Interaction> talk = new LinkedHashMap<>();

    OrgBuilder policy(Policy p) {
        policy = p;
        return this;
    }

    OrgBuilder at(Instant instant) {
        now = instant;
        return this;
    }

    /** An active member who spoke yesterday. */
    OrgBuilder member(String id, String function, String... projects) {
        return member(new RosterEntry(id, function, List.of(projects), MemberStatus.ACTIVE,
                now.minus(Duration.ofDays(1)), null, List.of()));
    }

    OrgBuilder member(RosterEntry m) {
        members.put(m.userId(), m);
        return this;
    }

    OrgBuilder group(String id, GroupKind kind, String key, int cap, int minSize, String... admins) {
        return group(new Group(id, id, kind, key, cap, minSize, List.of(admins), 0, 0, GroupStatus.ACTIVE, null,
                OverflowMode.OPEN_OVERFLOW, null, null));
    }

    OrgBuilder group(Group g) {
        groups.put(g.groupId(), g);
        return this;
    }

    OrgBuilder seat(String group, String... users) {
        for (String u : users) {
            SeatRole role = groups.get(group).admins().contains(u) ? SeatRole.ADMIN : SeatRole.MEMBER;
            seats.add(new Membership(group, u, role));
        }
        return this;
    }

    OrgBuilder talk(String a, String b, int weight) {
        Interaction i = Interaction.of(a, b, weight);
        talk.put(i.a() + " " + i.b(), i);
        return this;
    }

    /** Everyone in the list talks to everyone else. */
    OrgBuilder circle(int weight, List<String> users) {
        for (int i = 0; i < users.size(); i++) {
            for (int j = i + 1; j < users.size(); j++) {
                talk(users.get(i), users.get(j), weight);
            }
        }
        return this;
    }

    OrgSnapshot build() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        seats.forEach(s -> counts.merge(s.groupId(), 1, Integer::sum));
        List<Group> counted = groups.values().stream()
                .map(g -> g.withMemberCount(counts.getOrDefault(g.groupId(), 0)))
                .toList();
        return new OrgSnapshot(policy, now, List.copyOf(members.values()), counted, seats,
                List.copyOf(talk.values()));
    }

    static Policy policy(int cap, int minSize, Eligibility eligibility) {
        Policy d = Policy.DEFAULT;
        return new Policy(cap, minSize, d.hardCap(), d.maxGroupsPerMember(), eligibility, d.overflow(),
                d.inactivityDays(), d.timeZone(), d.language(), d.retentionDays(), d.topicTags(), d.requireTags(),
                d.weights(), d.noticeDays(), d.autoApply());
    }
}
