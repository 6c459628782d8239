package io.headcount.domain.bench;

import io.headcount.domain.Group;
import io.headcount.domain.GroupKind;
import io.headcount.domain.GroupStatus;
import io.headcount.domain.Interaction;
import io.headcount.domain.MemberStatus;
import io.headcount.domain.Membership;
import io.headcount.domain.OrgSnapshot;
import io.headcount.domain.OverflowMode;
import io.headcount.domain.Policy;
import io.headcount.domain.Regroup;
import io.headcount.domain.RegroupPlan;
import io.headcount.domain.RosterEntry;
import io.headcount.domain.SeatRole;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Planning a regroup of a large org on one core (no I/O): median time of 5 runs after 2 warm-ups, against a baseline
 * of sorting the same snapshot's memberships in the same run, and the heap the planner adds on top of its input,
 * for an org of n/10 and of n members (groups scale with members). Run from the project root with
 * {@code mvn -B -q -pl functions/domain test-compile exec:exec -Dexec.executable=java -Dexec.classpathScope=test
 * "-Dexec.args=-Xmx512m -XX:ActiveProcessorCount=1 -cp %classpath io.headcount.domain.bench.RegroupBench 100000"}.
 */
public final class RegroupBench {
    static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");

    public static void main(String[] args) {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        long[] medians = new long[2];
        int i = 0;
        for (int size : new int[] {members / 10, members}) {
            OrgSnapshot org = org(size, size * 8 / 100);
            long[] planning = new long[5];
            long[] sorting = new long[5];
            long peak = 0;
            RegroupPlan plan = null;
            for (int run = -2; run < 5; run++) {
                long t0 = System.nanoTime();
                List<Membership> sorted = org.memberships().stream()
                        .sorted(Comparator.comparing(Membership::groupId).thenComparing(Membership::userId))
                        .toList();
                long t1 = System.nanoTime();
                System.gc();
                long before = ScoringBench.used();
                AtomicLong max = new AtomicLong(before);
                Thread sampler = ScoringBench.sampler(max);
                long t2 = System.nanoTime();
                plan = Regroup.plan(org);
                long t3 = System.nanoTime();
                sampler.interrupt();
                if (run >= 0) {
                    sorting[run] = t1 - t0;
                    planning[run] = t3 - t2;
                    peak = Math.max(peak, max.get() - before);
                }
                if (sorted.size() != org.memberships().size() || plan.isEmpty()) {
                    throw new AssertionError("unexpected plan");
                }
            }
            medians[i++] = ScoringBench.median(planning);
            System.out.printf("%,d members, %,d groups, %,d seats, %,d ties: plan %d ms (median of 5), baseline sort "
                    + "%d ms, %.1fx; %,d operations, %,d moves (lower bound %,d); heap added (sampled peak) %d MB%n",
                    size, org.groups().size(), org.memberships().size(), org.interactions().size(),
                    ScoringBench.median(planning) / 1_000_000, ScoringBench.median(sorting) / 1_000_000,
                    (double) ScoringBench.median(planning) / ScoringBench.median(sorting), plan.operations().size(),
                    plan.moves(), plan.lowerBound(), peak >> 20);
        }
        System.out.printf("scaling %d -> %d members: %.1fx the time for 10x the org%n", members / 10, members,
                (double) medians[1] / medians[0]);
    }

    /**
     * A sales org: 40 functions, and a project for every 40 groups; every member has a function, one in ten a
     * project too; nine groups in ten are function groups. Most joiners spread evenly over their pool's groups and
     * some crowd into the first ones, so most groups are within range, some over cap, some small; one member in
     * twenty is new and ungrouped, one in fifty left, some are silent or flagged; each member talks to a few
     * colleagues of the same group.
     */
    static OrgSnapshot org(int size, int groupCount) {
        Random r = new Random(5);
        Policy policy = Policy.DEFAULT;
        int functions = 40;
        int projects = groupCount / 40;
        List<RosterEntry> roster = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            List<String> mine = new ArrayList<>();
            if (r.nextInt(10) == 0) {
                mine.add("p" + r.nextInt(projects));
            }
            Instant active = NOW.minus(Duration.ofHours(r.nextInt(r.nextInt(20) == 0 ? 24 * 90 : 24 * 20)));
            Instant flagged = r.nextInt(40) == 0 ? NOW.minus(Duration.ofDays(r.nextInt(14))) : null;
            roster.add(new RosterEntry(String.format("u%06d", i), "f" + (i % functions), mine,
                    r.nextInt(50) == 0 ? MemberStatus.LEFT : MemberStatus.ACTIVE, active, flagged,
                    r.nextInt(10) == 0 ? List.of(NOW.minus(Duration.ofDays(30))) : List.of()));
        }
        // Groups per pool in proportion to its members.
        int functionGroups = groupCount * 9 / 10;
        List<Group> groups = new ArrayList<>();
        List<List<Group>> byFunction = new ArrayList<>();
        for (int f = 0; f < functions; f++) {
            List<Group> pool = new ArrayList<>();
            for (int k = 0; k < functionGroups / functions; k++) {
                pool.add(group("fg" + f + "-" + k, GroupKind.FUNCTION, "f" + f, policy));
            }
            byFunction.add(pool);
            groups.addAll(pool);
        }
        List<List<Group>> byProject = new ArrayList<>();
        for (int p = 0; p < projects; p++) {
            List<Group> pool = new ArrayList<>();
            for (int k = 0; k < Math.max(1, (groupCount - functionGroups) / projects); k++) {
                pool.add(group("pg" + p + "-" + k, GroupKind.PROJECT, "p" + p, policy));
            }
            byProject.add(pool);
            groups.addAll(pool);
        }
        List<Membership> seats = new ArrayList<>();
        List<Interaction> talk = new ArrayList<>();
        Set<String> pairs = new HashSet<>();
        List<List<String>> seated = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            seated.add(new ArrayList<>());
        }
        Map<String, Integer> index = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            index.put(groups.get(g).groupId(), g);
        }
        for (int i = 0; i < size; i++) {
            RosterEntry m = roster.get(i);
            if (r.nextInt(20) == 0) {
                continue; // new, not seated yet
            }
            List<Group> fpool = byFunction.get(i % functions);
            seat(pick(fpool, r), m, seated, index);
            for (String p : m.projects()) {
                seat(pick(byProject.get(Integer.parseInt(p.substring(1))), r), m, seated, index);
            }
        }
        List<Group> counted = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            List<String> in = seated.get(g);
            Group group = groups.get(g);
            List<String> admins = in.isEmpty() || r.nextInt(10) == 0 ? List.of() : List.of(in.get(0));
            counted.add(new Group(group.groupId(), group.name(), group.kind(), group.key(), group.cap(),
                    group.minSize(), admins, in.size(), 0, GroupStatus.ACTIVE, null, OverflowMode.OPEN_OVERFLOW, null,
                    null));
            for (String u : in) {
                seats.add(new Membership(group.groupId(), u, admins.contains(u) ? SeatRole.ADMIN : SeatRole.MEMBER));
            }
            for (int t = 0; t < in.size() * 2; t++) {
                String a = in.get(r.nextInt(in.size()));
                String b = in.get(r.nextInt(in.size()));
                Interaction edge = Interaction.of(a, b, 1 + r.nextInt(6));
                if (!a.equals(b) && pairs.add(edge.a() + edge.b())) {
                    talk.add(edge);
                }
            }
        }
        return new OrgSnapshot(policy, NOW, roster, counted, seats, talk);
    }

    private static Group group(String id, GroupKind kind, String key, Policy policy) {
        return new Group(id, id, kind, key, policy.cap(), policy.minSize(), List.of(), 0, 0, GroupStatus.ACTIVE,
                null, OverflowMode.OPEN_OVERFLOW, null, null);
    }

    /** Most joiners spread evenly; one in six crowds into the first groups of the pool. */
    private static Group pick(List<Group> pool, Random r) {
        if (r.nextInt(6) != 0) {
            return pool.get(r.nextInt(pool.size()));
        }
        return pool.get(Math.min(pool.size() - 1, (int) Math.abs(r.nextGaussian() * pool.size() / 8)));
    }

    private static void seat(Group g, RosterEntry m, List<List<String>> seated, Map<String, Integer> index) {
        seated.get(index.get(g.groupId())).add(m.userId());
    }
}
