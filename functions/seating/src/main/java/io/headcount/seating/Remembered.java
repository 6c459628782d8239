package io.headcount.seating;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What this function instance last read about groups, members and org policies. A joiner whose group, member
 * record and policy are all remembered is admitted with one round trip: the transaction itself requires that their
 * versions are unchanged, so a stale memory costs one failed attempt and a fresh read, never a wrong admission.
 */
@ApplicationScoped
class Remembered {
    static final Duration FOR = Duration.ofMinutes(5);
    private static final int GROUPS = 2_000;
    private static final int MEMBERS = 20_000;

    private final Map<String, Stamped<Facts>> groups = bounded(GROUPS);
    private final Map<String, Stamped<Facts>> members = bounded(MEMBERS);

    private record Stamped<T>(T value, long at) {
    }

    /** Remembers the group (with its policy) and the member of a read, when the member is on the roster. */
    synchronized void remember(String org, Facts facts, long nowMillis) {
        groups.put(org + "/" + facts.group().groupId(), new Stamped<>(facts, nowMillis));
        if (facts.member() != null) {
            members.put(org + "/" + facts.member().userId(), new Stamped<>(facts, nowMillis));
        }
    }

    /** The facts of an earlier read, combined: the group and policy from one, the member from another. */
    synchronized Optional<Facts> recall(String org, String groupId, String userId, long nowMillis) {
        Stamped<Facts> group = fresh(groups, org + "/" + groupId, nowMillis);
        Stamped<Facts> member = fresh(members, org + "/" + userId, nowMillis);
        if (group == null || member == null) {
            return Optional.empty();
        }
        Facts g = group.value();
        Facts m = member.value();
        return Optional.of(new Facts(g.group(), m.member(), g.policy(), null, null, null,
                new Facts.Versions(g.versions().group(), m.versions().member(), g.versions().policy())));
    }

    /** A seat was just taken here: count it, so a full group is not tried at once again. */
    synchronized void seatTaken(String org, String groupId) {
        Stamped<Facts> entry = groups.get(org + "/" + groupId);
        if (entry != null) {
            Facts f = entry.value();
            Facts counted = new Facts(f.group().withMemberCount(f.group().memberCount() + 1), f.member(), f.policy(),
                    f.seat(), f.seatPool(), f.ticket(), f.versions());
            groups.put(org + "/" + groupId, new Stamped<>(counted, entry.at()));
        }
    }

    synchronized void forget(String org, String groupId, String userId) {
        groups.remove(org + "/" + groupId);
        members.remove(org + "/" + userId);
    }

    private static Stamped<Facts> fresh(Map<String, Stamped<Facts>> map, String key, long nowMillis) {
        Stamped<Facts> entry = map.get(key);
        if (entry == null || nowMillis - entry.at() > FOR.toMillis()) {
            map.remove(key);
            return null;
        }
        return entry;
    }

    private static <V> Map<String, V> bounded(int size) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > size;
            }
        };
    }
}
