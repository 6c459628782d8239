package io.headcount.domain;

import io.headcount.domain.PlanOperation.Reason;
import io.headcount.domain.RegroupPlan.Unsettled;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The planner behind {@link Regroup#plan}. Each pool (the FUNCTION or PROJECT groups of one key) is planned on its
 * own, in key order:
 * <ol>
 * <li>who belongs: members who left, were flagged inactive and stayed so past the notice period, or no longer work on
 * the group's function or project give up their seats; pool members without a seat come in;</li>
 * <li>how many groups: while the pool's groups need more members than it has, the smallest is archived into its
 * siblings; while they cannot seat everyone, groups are opened beside the first one;</li>
 * <li>how big each: every group keeps its size where that is within range; groups over cap shed the excess, groups
 * below minimum are filled from the largest siblings; a split group and the groups opened for it share its members
 * evenly, so that none of them is full on its first day;</li>
 * <li>who moves: those who talk to each other (replies, mentions) move or stay together; admins and members moved
 * twice in 90 days stay where they are.</li>
 * </ol>
 * Every iteration runs over sorted keys, so the same snapshot gives the same plan.
 */
final class RegroupPlanner {

    private final OrgSnapshot snapshot;
    private final Policy policy;
    private final Instant now;
    private final TreeMap<String, RosterEntry> members = new TreeMap<>();
    private final TreeMap<String, Group> groups = new TreeMap<>();
    /** Active groups' seats: group → member → role. */
    private final Map<String, TreeMap<String, SeatRole>> seats = new HashMap<>();
    private final Map<String, Map<String, Integer>> talk = new HashMap<>();
    private final Map<String, Integer> movesUsed = new HashMap<>();
    private final Set<String> administering = new HashSet<>();
    /** Every group id in use, archived groups included: a new group never takes one. */
    private final Set<String> takenIds = new HashSet<>();
    /** Each overflow chain's groups by the group it started from, for the next running number. */
    private final Map<String, List<Group>> chains = new HashMap<>();
    private final String fingerprint;
    private final Instant silentBefore;
    /** Flagged, still inactive, and the notice period over: removed from their FUNCTION and PROJECT groups. */
    private final Set<String> due = new HashSet<>();

    private final List<PlanOperation> creates = new ArrayList<>();
    private final List<PlanOperation> removes = new ArrayList<>();
    private final List<PlanOperation> moves = new ArrayList<>();
    private final List<PlanOperation> adds = new ArrayList<>();
    private final List<PlanOperation> archives = new ArrayList<>();
    private final List<Unsettled> unsettled = new ArrayList<>();
    private int balancingMoves;
    private int lowerBound;

    RegroupPlanner(OrgSnapshot snapshot) {
        this.snapshot = snapshot;
        this.policy = snapshot.policy();
        this.now = snapshot.now();
        snapshot.members().forEach(m -> members.put(m.userId(), m));
        snapshot.groups().forEach(g -> groups.put(g.groupId(), g));
        for (Group g : groups.values()) {
            takenIds.add(g.groupId());
            if (g.overflowOf() != null) {
                chains.computeIfAbsent(g.overflowOf(), k -> new ArrayList<>()).add(g);
            }
        }
        this.fingerprint = snapshot.fingerprint();
        this.silentBefore = now.minus(Duration.ofDays(policy.inactivityDays()));
        for (Membership m : snapshot.memberships()) {
            Group g = groups.get(m.groupId());
            if (g != null && g.isActive()) {
                seats.computeIfAbsent(g.groupId(), k -> new TreeMap<>()).put(m.userId(), m.role());
                if (m.role() == SeatRole.ADMIN || g.admins().contains(m.userId())) {
                    administering.add(m.userId());
                }
            }
        }
        for (Interaction i : snapshot.interactions()) {
            if (!i.a().equals(i.b()) && i.weight() > 0) {
                talk.computeIfAbsent(i.a(), k -> new HashMap<>()).merge(i.b(), i.weight(), Integer::sum);
                talk.computeIfAbsent(i.b(), k -> new HashMap<>()).merge(i.a(), i.weight(), Integer::sum);
            }
        }
        Instant noticeGivenBefore = now.minus(Duration.ofDays(policy.noticeDays()));
        for (RosterEntry m : members.values()) {
            if (inactive(m) && flagStands(m) && !m.flaggedAt().isAfter(noticeGivenBefore)) {
                due.add(m.userId());
            }
        }
        Instant windowStart = now.minus(Regroup.MOVE_WINDOW);
        for (RosterEntry m : members.values()) {
            movesUsed.put(m.userId(), (int) m.moves().stream().filter(t -> t.isAfter(windowStart)).count());
        }
    }

    RegroupPlan plan() {
        Map<Pool, PoolPlan> pools = new TreeMap<>();
        for (Group g : groups.values()) {
            if (g.isActive() && g.kind() != GroupKind.GENERAL) {
                pools.computeIfAbsent(Pool.of(g), PoolPlan::new).groups.add(g);
            }
        }
        seatsAndDemand(pools);
        pools.values().forEach(this::plan);
        List<PlanOperation> operations = new ArrayList<>(creates);
        operations.addAll(removes);
        operations.addAll(moves);
        operations.addAll(adds);
        OrgSnapshot after = Regroup.apply(snapshot, draft(operations));
        List<PlanOperation> appointments = admins(after);
        operations.addAll(flags(after, appointments));
        operations.addAll(appointments);
        operations.addAll(archives);
        return new RegroupPlan(fingerprint, operations, balancingMoves, lowerBound, unsettled);
    }

    private RegroupPlan draft(List<PlanOperation> operations) {
        return new RegroupPlan(fingerprint, operations, balancingMoves, lowerBound, List.of());
    }

    // ---- who belongs ----

    private void seatsAndDemand(Map<Pool, PoolPlan> pools) {
        Map<String, List<String>> irrelevantSeats = new TreeMap<>();
        for (Group g : groups.values()) {
            TreeMap<String, SeatRole> inGroup = seats.get(g.groupId());
            if (inGroup == null) {
                continue;
            }
            for (String user : inGroup.keySet()) {
                RosterEntry m = members.get(user);
                if (m == null || !m.isActive()) {
                    removes.add(PlanOperation.remove(user, g.groupId(), Reason.LEFT));
                } else if (g.kind() == GroupKind.GENERAL) {
                    continue;
                } else if (dueForRemoval(m)) {
                    removes.add(PlanOperation.remove(user, g.groupId(), Reason.INACTIVE));
                } else if (belongs(m, g)) {
                    if (!pools.get(Pool.of(g)).resident(g.groupId(), user)) {
                        // A second seat in one pool (join-check never gives one): the first seat counts.
                        removes.add(PlanOperation.remove(user, g.groupId(), Reason.IRRELEVANT));
                    }
                } else if (policy.eligibility() == Eligibility.ANY) {
                    pools.get(Pool.of(g)).guest(g.groupId());
                } else {
                    irrelevantSeats.computeIfAbsent(user, k -> new ArrayList<>()).add(g.groupId());
                }
            }
        }
        for (RosterEntry m : members.values()) {
            if (!m.isActive() || dueForRemoval(m)) {
                continue;
            }
            List<String> leaving = irrelevantSeats.getOrDefault(m.userId(), List.of());
            List<String> paired = new ArrayList<>();
            for (Pool pool : poolsOf(m)) {
                PoolPlan p = pools.computeIfAbsent(pool, PoolPlan::new);
                if (p.seated(m.userId())) {
                    continue;
                }
                String from = leaving.stream()
                        .filter(g -> !paired.contains(g) && groups.get(g).kind() == pool.kind())
                        .findFirst().orElse(null);
                if (from != null) {
                    paired.add(from);
                }
                p.incoming.add(new Mover(m.userId(), from, from == null ? Reason.UNGROUPED : Reason.IRRELEVANT));
            }
            for (String g : leaving) {
                if (!paired.contains(g)) {
                    removes.add(PlanOperation.remove(m.userId(), g, Reason.IRRELEVANT));
                }
            }
        }
        // Seats are removed in group order, whichever way they were found.
        removes.sort(Comparator.comparing(PlanOperation::from).thenComparing(PlanOperation::userId));
    }

    private static List<Pool> poolsOf(RosterEntry m) {
        List<Pool> pools = new ArrayList<>();
        if (m.function() != null && !m.function().isBlank()) {
            pools.add(new Pool(GroupKind.FUNCTION, m.function()));
        }
        new TreeSet<>(m.projects()).forEach(p -> pools.add(new Pool(GroupKind.PROJECT, p)));
        return pools;
    }

    private static boolean belongs(RosterEntry m, Group g) {
        return g.kind() == GroupKind.FUNCTION ? g.key().equals(m.function()) : m.projects().contains(g.key());
    }

    /** Silent past the policy's window. */
    private boolean silent(RosterEntry m) {
        return m.lastActiveAt().isBefore(silentBefore);
    }

    /** Silent, and not an admin: admins are never removed for inactivity. */
    private boolean inactive(RosterEntry m) {
        return silent(m) && !administering.contains(m.userId());
    }

    /** Flagged, and not active since: the flag still stands. */
    private boolean flagStands(RosterEntry m) {
        return m.flaggedAt() != null && !m.lastActiveAt().isAfter(m.flaggedAt());
    }

    private boolean dueForRemoval(RosterEntry m) {
        return due.contains(m.userId());
    }

    /**
     * Inactive members who will sit in a FUNCTION or PROJECT group once the plan is applied are told first and
     * removed after the notice period. A member who stops being an admin through the plan (their group archived,
     * their work changed) gets a fresh notice: until now their inactivity did not count.
     */
    private List<PlanOperation> flags(OrgSnapshot after, List<PlanOperation> appointments) {
        Map<String, Group> groupsAfter = new HashMap<>();
        after.groups().forEach(g -> groupsAfter.put(g.groupId(), g));
        Set<String> seated = new HashSet<>();
        Set<String> adminsAfter = new HashSet<>();
        appointments.forEach(a -> adminsAfter.add(a.userId()));
        for (Membership m : after.memberships()) {
            Group g = groupsAfter.get(m.groupId());
            if (g.kind() != GroupKind.GENERAL) {
                seated.add(m.userId());
            }
            if (m.role() == SeatRole.ADMIN || g.admins().contains(m.userId())) {
                adminsAfter.add(m.userId());
            }
        }
        List<PlanOperation> flags = new ArrayList<>();
        for (RosterEntry m : members.values()) {
            boolean idle = m.isActive() && silent(m) && seated.contains(m.userId())
                    && !adminsAfter.contains(m.userId());
            if (idle && (!flagStands(m) || administering.contains(m.userId()))) {
                flags.add(PlanOperation.flag(m.userId()));
            }
        }
        return flags;
    }

    /** Every active group with members and no admin among them gets its most recently active member. */
    private List<PlanOperation> admins(OrgSnapshot after) {
        Map<String, List<Membership>> byGroup = new TreeMap<>();
        after.memberships().forEach(m -> byGroup.computeIfAbsent(m.groupId(), k -> new ArrayList<>()).add(m));
        Map<String, Group> groupsAfter = new HashMap<>();
        after.groups().forEach(g -> groupsAfter.put(g.groupId(), g));
        Set<String> archived = new HashSet<>();
        archives.forEach(a -> archived.add(a.groupId()));
        List<PlanOperation> appointments = new ArrayList<>();
        for (Map.Entry<String, List<Membership>> e : byGroup.entrySet()) {
            Group g = groupsAfter.get(e.getKey());
            if (!g.isActive() || archived.contains(g.groupId())) {
                continue;
            }
            boolean hasAdmin = e.getValue().stream()
                    .anyMatch(m -> m.role() == SeatRole.ADMIN || g.admins().contains(m.userId()));
            if (!hasAdmin) {
                e.getValue().stream()
                        .map(m -> members.get(m.userId()))
                        .filter(m -> m != null && m.isActive())
                        .min(Comparator.comparing((RosterEntry m) -> inactive(m))
                                .thenComparing(RosterEntry::lastActiveAt, Comparator.reverseOrder())
                                .thenComparing(RosterEntry::userId))
                        .ifPresent(m -> appointments.add(PlanOperation.setAdmin(m.userId(), g.groupId())));
            }
        }
        return appointments;
    }

    // ---- one pool ----

    private void plan(PoolPlan pool) {
        List<Slot> slots = new ArrayList<>();
        for (Group g : pool.groups) {
            slots.add(new Slot(g, pool.residents.getOrDefault(g.groupId(), List.of()),
                    pool.guests.getOrDefault(g.groupId(), 0)));
        }
        slots.forEach(this::anchor);
        int population = pool.incoming.size();
        for (Slot s : slots) {
            population += s.size();
        }
        if (slots.isEmpty() && population == 0) {
            return;
        }
        lowerBound += lowerBound(slots, population);
        List<Mover> movers = new ArrayList<>(pool.incoming);
        List<Slot> kept = merge(slots, population, movers);
        int seatsLeft = population;
        for (Slot s : kept) {
            s.target = Math.max(s.floor(), Math.min(s.cap, Math.max(s.min, s.size())));
            seatsLeft -= s.target;
        }
        List<Slot> opened = new ArrayList<>();
        if (seatsLeft > 0) {
            seatsLeft = fillRoom(kept, seatsLeft);
        }
        if (seatsLeft > 0) {
            opened = open(pool, kept, seatsLeft);
        } else if (seatsLeft < 0) {
            shrink(kept, -seatsLeft);
        }
        List<Slot> all = new ArrayList<>(kept);
        all.addAll(opened);
        fillBelowMinimum(all);
        for (Slot s : kept) {
            movers.addAll(leavers(s));
        }
        assign(movers, all);
        for (Slot s : all) {
            if (s.target > s.cap) {
                unsettled.add(new Unsettled(s.id, s.target, "over cap: " + s.floor()
                        + " of its members do not move (admins, moved twice in 90 days, or outside the pool)"));
            } else if (s.target < s.min && population >= s.min) {
                unsettled.add(new Unsettled(s.id, s.target, "below minimum: no sibling can spare members"));
            }
        }
    }

    /**
     * Members who do not move for balance: admins stay with their group, and members moved twice in 90 days stay
     * where they are. A group holding the latter cannot be archived either.
     */
    private void anchor(Slot s) {
        Map<String, SeatRole> roles = seats.getOrDefault(s.id, new TreeMap<>());
        Set<String> anchored = new TreeSet<>();
        for (String user : s.residents) {
            if (movesUsed.getOrDefault(user, 0) >= Regroup.MOVES_PER_WINDOW) {
                anchored.add(user);
                s.archivable = false;
            } else if (isAdmin(s.group, roles, user)) {
                anchored.add(user);
            }
        }
        s.archivable &= s.guests == 0;
        s.anchored = anchored;
    }

    /**
     * The fewest balancing moves any plan needs: the members over each group's cap (who are free to move), and when
     * the pool has more groups than it can fill to their minimum, the members of the smallest groups it must give
     * up.
     */
    private static int lowerBound(List<Slot> slots, int population) {
        int overCap = 0;
        for (Slot s : slots) {
            overCap += Math.max(0, s.size() - Math.max(s.cap, s.floor()));
        }
        int merged = 0;
        for (Slot s : toArchive(slots, population)) {
            merged += s.residents.size();
        }
        return Math.max(overCap, merged);
    }

    /** Archives {@link #toArchive} groups; their members move to the groups kept. */
    private List<Slot> merge(List<Slot> slots, int population, List<Mover> movers) {
        List<Slot> kept = new ArrayList<>(slots);
        for (Slot s : toArchive(slots, population)) {
            kept.remove(s);
            archives.add(PlanOperation.archive(s.id, Reason.MERGE));
            for (String user : s.residents) {
                movers.add(new Mover(user, s.id, Reason.MERGE));
            }
        }
        return kept;
    }

    /**
     * While the pool's groups need more members than it has, the smallest (the newest of equal ones) is given up,
     * as long as the rest can still seat everyone; never the last group, nor one whose members may not move.
     */
    private static List<Slot> toArchive(List<Slot> slots, int population) {
        List<Slot> kept = new ArrayList<>(slots);
        List<Slot> archived = new ArrayList<>();
        int needed = kept.stream().mapToInt(s -> s.min).sum();
        int capacity = kept.stream().mapToInt(s -> s.cap).sum();
        while (kept.size() > 1 && needed > population) {
            int seats = capacity;
            Slot smallest = kept.stream()
                    .filter(s -> s.archivable && seats - s.cap >= population)
                    .min(Comparator.comparingInt(Slot::size)
                            .thenComparing(s -> s.group.overflowOf() == null)
                            .thenComparing(s -> s.id, Comparator.reverseOrder()))
                    .orElse(null);
            if (smallest == null) {
                break;
            }
            kept.remove(smallest);
            archived.add(smallest);
            needed -= smallest.min;
            capacity -= smallest.cap;
        }
        return archived;
    }

    /** Seats the surplus in the groups with room, the least full first. Returns who is still without a seat. */
    private static int fillRoom(List<Slot> kept, int surplus) {
        TreeSet<Slot> room = new TreeSet<>(Comparator.comparingInt((Slot s) -> s.target).thenComparing(s -> s.id));
        kept.stream().filter(s -> s.target < s.cap).forEach(room::add);
        while (surplus > 0 && !room.isEmpty()) {
            Slot s = room.pollFirst();
            s.target++;
            surplus--;
            if (s.target < s.cap) {
                room.add(s);
            }
        }
        return surplus;
    }

    /**
     * Opens as few groups as seat the surplus, beside the pool's first group. The groups over cap and the new ones
     * then share their members evenly.
     */
    private List<Slot> open(PoolPlan pool, List<Slot> kept, int surplus) {
        Group template = template(pool);
        int count = (surplus + template.cap() - 1) / template.cap();
        List<Slot> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Group g = opened.isEmpty() && pool.groups.isEmpty() ? template : next(template);
            takenIds.add(g.groupId());
            creates.add(PlanOperation.create(g, pool.groups.isEmpty() ? Reason.UNGROUPED
                    : kept.stream().anyMatch(s -> s.size() > s.cap) ? Reason.SPLIT : Reason.UNGROUPED));
            opened.add(new Slot(g, List.of(), 0));
        }
        List<Slot> sharing = new ArrayList<>();
        int total = surplus;
        for (Slot s : kept) {
            if (s.size() > s.cap) {
                sharing.add(s);
                total += s.target;
            }
        }
        sharing.addAll(opened);
        share(sharing, total);
        return opened;
    }

    /**
     * Even shares, the earlier groups taking the remainder: every group starts at its floor and the next seat goes to
     * the emptiest one below its cap.
     */
    private static void share(List<Slot> sharing, int total) {
        Map<Slot, Integer> order = new HashMap<>();
        for (int i = 0; i < sharing.size(); i++) {
            order.put(sharing.get(i), i);
        }
        TreeSet<Slot> emptiest = new TreeSet<>(Comparator.comparingInt((Slot s) -> s.target)
                .thenComparingInt(order::get));
        for (Slot s : sharing) {
            s.target = s.floor();
            total -= s.target;
            if (s.target < s.cap) {
                emptiest.add(s);
            }
        }
        while (total > 0 && !emptiest.isEmpty()) {
            Slot s = emptiest.pollFirst();
            s.target++;
            total--;
            if (s.target < s.cap) {
                emptiest.add(s);
            }
        }
    }

    /** Too few members for the seats planned: the largest groups give back, never below minimum or floor. */
    private static void shrink(List<Slot> kept, int excess) {
        TreeSet<Slot> largest = new TreeSet<>(Comparator.comparingInt((Slot s) -> -s.target).thenComparing(s -> s.id));
        kept.stream().filter(s -> s.target > Math.max(s.min, s.floor())).forEach(largest::add);
        while (excess > 0 && !largest.isEmpty()) {
            Slot s = largest.pollFirst();
            s.target--;
            excess--;
            if (s.target > Math.max(s.min, s.floor())) {
                largest.add(s);
            }
        }
        // Groups that were to be filled to their minimum stay smaller instead.
        List<Slot> smallest = new ArrayList<>(kept);
        smallest.sort(Comparator.comparingInt(Slot::size).thenComparing(s -> s.id));
        for (Slot s : smallest) {
            while (excess > 0 && s.target > Math.max(s.size(), s.floor())) {
                s.target--;
                excess--;
            }
        }
    }

    /** Groups still below minimum take members from the largest siblings that can spare them. */
    private static void fillBelowMinimum(List<Slot> all) {
        TreeSet<Slot> donors = new TreeSet<>(Comparator.comparingInt((Slot s) -> -s.target).thenComparing(s -> s.id));
        all.stream().filter(s -> s.target > Math.max(s.min, s.floor())).forEach(donors::add);
        for (Slot s : all) {
            while (s.target < s.min && !donors.isEmpty()) {
                Slot donor = donors.pollFirst();
                donor.target--;
                s.target++;
                if (donor.target > Math.max(donor.min, donor.floor())) {
                    donors.add(donor);
                }
            }
        }
    }

    /**
     * Who leaves a group that must shrink. Those who talk to each other leave or stay together: the circles of
     * the staying size that hold its anchored members and admins stay whole where they fit; the rest is made up
     * from the members closest to those staying.
     */
    private List<Mover> leavers(Slot s) {
        int leaving = s.residents.size() - (s.target - s.guests);
        if (leaving <= 0) {
            return List.of();
        }
        int staying = s.residents.size() - leaving;
        Set<String> stay = new TreeSet<>(s.anchored);
        Map<String, SeatRole> roles = seats.getOrDefault(s.id, new TreeMap<>());
        List<List<String>> circles = circles(s.residents, Math.max(1, staying));
        circles.sort(Comparator.comparing((List<String> c) -> c.stream().noneMatch(s.anchored::contains))
                .thenComparing(c -> c.stream().noneMatch(u -> isAdmin(s.group, roles, u)))
                .thenComparing(c -> -c.size())
                .thenComparing(c -> c.get(0)));
        for (List<String> circle : circles) {
            int joining = (int) circle.stream().filter(u -> !stay.contains(u)).count();
            if (stay.size() + joining <= staying) {
                stay.addAll(circle);
            }
        }
        if (stay.size() < staying) {
            List<String> rest = new ArrayList<>(s.residents);
            rest.removeAll(stay);
            rest.sort(Comparator.comparing((String u) -> !isAdmin(s.group, roles, u))
                    .thenComparing(u -> -ties(u, stay))
                    .thenComparing(u -> u));
            stay.addAll(rest.subList(0, staying - stay.size()));
        }
        Reason reason = s.size() > s.cap ? Reason.SPLIT : Reason.FILL;
        List<Mover> out = new ArrayList<>();
        for (String u : s.residents) {
            if (!stay.contains(u)) {
                out.add(new Mover(u, s.id, reason));
            }
        }
        return out;
    }

    private static boolean isAdmin(Group g, Map<String, SeatRole> roles, String user) {
        return roles.get(user) == SeatRole.ADMIN || g.admins().contains(user);
    }

    private int ties(String user, Set<String> among) {
        int sum = 0;
        for (Map.Entry<String, Integer> e : talk.getOrDefault(user, Map.of()).entrySet()) {
            if (among.contains(e.getKey())) {
                sum += e.getValue();
            }
        }
        return sum;
    }

    /**
     * Conversation circles among some members, none larger than {@code largest}: the strongest ties join first
     * (single linkage), so a tight circle is whole before loose acquaintances attach to it. Ties in weight go by
     * member ids, so the circles come out the same every time. Members who talk to nobody are circles of one.
     */
    List<List<String>> circles(List<String> users, int largest) {
        List<String> order = new ArrayList<>(new TreeSet<>(users));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            index.put(order.get(i), i);
        }
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            for (Map.Entry<String, Integer> e : talk.getOrDefault(order.get(i), Map.of()).entrySet()) {
                Integer j = index.get(e.getKey());
                if (j != null && i < j) {
                    edges.add(new int[] {e.getValue(), i, j});
                }
            }
        }
        edges.sort(Comparator.comparingInt((int[] e) -> -e[0]).thenComparingInt(e -> e[1])
                .thenComparingInt(e -> e[2]));
        int[] parent = new int[order.size()];
        int[] size = new int[order.size()];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
            size[i] = 1;
        }
        for (int[] e : edges) {
            int a = root(parent, e[1]);
            int b = root(parent, e[2]);
            if (a != b && size[a] + size[b] <= largest) {
                int low = Math.min(a, b);
                int high = Math.max(a, b);
                parent[high] = low;
                size[low] += size[high];
            }
        }
        Map<Integer, List<String>> byRoot = new TreeMap<>();
        for (int i = 0; i < order.size(); i++) {
            byRoot.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(order.get(i));
        }
        return new ArrayList<>(byRoot.values());
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * Seats the movers circle by circle, the largest first: a circle goes whole to the group where its partners
     * already sit, else to the group with the most seats to fill; only a circle no group can take whole is split.
     */
    private void assign(List<Mover> movers, List<Slot> slots) {
        Map<String, Slot> where = new HashMap<>();
        TreeSet<Slot> open = new TreeSet<>(Comparator.comparingInt((Slot s) -> -s.need()).thenComparing(s -> s.id));
        Set<String> moving = new HashSet<>();
        movers.forEach(m -> moving.add(m.userId));
        for (Slot s : slots) {
            for (String u : s.residents) {
                if (!moving.contains(u)) {
                    where.put(u, s);
                    s.seated++;
                }
            }
            s.seated += s.guests;
            if (s.need() > 0) {
                open.add(s);
            }
        }
        if (movers.isEmpty()) {
            return;
        }
        Map<String, Mover> byUser = new TreeMap<>();
        movers.forEach(m -> byUser.put(m.userId, m));
        int largestNeed = open.isEmpty() ? 1 : Math.max(1, open.first().need());
        List<List<String>> circles = circles(new ArrayList<>(byUser.keySet()), largestNeed);
        circles.sort(Comparator.comparing((List<String> c) -> -c.size()).thenComparing(c -> c.get(0)));
        for (List<String> circle : circles) {
            Slot whole = closest(circle, open, where, circle.size());
            for (String u : circle) {
                Mover m = byUser.get(u);
                Slot to = whole != null && whole.need() > 0 && !whole.id.equals(m.from) ? whole
                        : closest(List.of(u), open, where, 1);
                if (to == null || to.id.equals(m.from)) {
                    to = open.stream().filter(s -> !s.id.equals(m.from)).findFirst()
                            .orElseGet(() -> fallback(slots, m.from));
                }
                open.remove(to);
                to.seated++;
                where.put(u, to);
                if (to.need() > 0) {
                    open.add(to);
                }
                record(m, to);
            }
        }
    }

    /**
     * The open group with room for {@code seats} where the circle's partners already sit (by weight), else the one
     * with the most room; null when none has that much room.
     */
    private Slot closest(List<String> circle, TreeSet<Slot> open, Map<String, Slot> where, int seats) {
        Map<Slot, Integer> weights = new HashMap<>();
        for (String user : circle) {
            for (Map.Entry<String, Integer> e : talk.getOrDefault(user, Map.of()).entrySet()) {
                Slot s = where.get(e.getKey());
                if (s != null && s.need() >= seats && open.contains(s)) {
                    weights.merge(s, e.getValue(), Integer::sum);
                }
            }
        }
        Slot partners = weights.entrySet().stream()
                .max(Comparator.comparingInt((Map.Entry<Slot, Integer> e) -> e.getValue())
                        .thenComparing(e -> e.getKey().id, Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElse(null);
        if (partners != null) {
            return partners;
        }
        return open.isEmpty() || open.first().need() < seats ? null : open.first();
    }

    /** Only when the targets do not add up to the movers (never expected): the emptiest group takes the member. */
    private static Slot fallback(List<Slot> slots, String from) {
        return slots.stream()
                .filter(s -> !s.id.equals(from))
                .min(Comparator.comparingInt((Slot s) -> s.seated).thenComparing(s -> s.id))
                .orElseThrow();
    }

    private void record(Mover m, Slot to) {
        if (m.from == null) {
            adds.add(PlanOperation.add(m.userId, to.id, m.reason));
        } else if (m.from.equals(to.id)) {
            return;
        } else {
            PlanOperation op = PlanOperation.move(m.userId, m.from, to.id, m.reason);
            moves.add(op);
            if (op.isBalancingMove()) {
                balancingMoves++;
                movesUsed.merge(m.userId, 1, Integer::sum);
            }
        }
    }

    /** The group new groups of a pool are modelled on: its first group, or the policy's defaults. */
    private Group template(PoolPlan pool) {
        if (!pool.groups.isEmpty()) {
            return pool.groups.stream()
                    .min(Comparator.comparing((Group g) -> g.overflowOf() != null).thenComparing(Group::groupId))
                    .orElseThrow();
        }
        String base = (pool.pool.kind() == GroupKind.FUNCTION ? "function-" : "project-")
                + pool.pool.key().replaceAll("[^A-Za-z0-9._-]", "-");
        String id = base.length() > Ids.MAX_LENGTH ? base.substring(0, Ids.MAX_LENGTH) : base;
        for (int n = 2; taken(id); n++) {
            id = Overflow.idFor(base, n);
        }
        return new Group(id, pool.pool.key(), pool.pool.kind(), pool.pool.key(), policy.cap(),
                Math.min(policy.minSize(), policy.cap()), List.of(), 0, 0, GroupStatus.ACTIVE, null,
                policy.overflow(), null, null);
    }

    private boolean taken(String id) {
        return takenIds.contains(id);
    }

    /** The next group of the template's overflow chain, named the live-group-code way ("华东客户维护群 3"). */
    private Group next(Group template) {
        String root = template.rootId();
        List<Group> chain = chains.computeIfAbsent(root, k -> new ArrayList<>());
        int number = Overflow.nextNumber(root, chain);
        String id = Overflow.idFor(root, number);
        while (taken(id)) {
            id = Overflow.idFor(root, ++number);
        }
        String rootName = groups.containsKey(root) ? groups.get(root).name() : template.name();
        Group g = new Group(id, rootName + " " + number, template.kind(), template.key(), template.cap(),
                template.minSize(), List.of(), 0, 0, GroupStatus.ACTIVE, root, template.overflow(),
                template.welcome(), null);
        chain.add(g);
        return g;
    }

    // ---- state ----

    /** The groups of one kind and key. */
    record Pool(GroupKind kind, String key) implements Comparable<Pool> {
        static Pool of(Group g) {
            return new Pool(g.kind(), g.key());
        }

        @Override
        public int compareTo(Pool o) {
            int byKind = kind.compareTo(o.kind);
            return byKind != 0 ? byKind : key.compareTo(o.key);
        }
    }

    private static final class PoolPlan {
        final Pool pool;
        final List<Group> groups = new ArrayList<>();
        final Map<String, List<String>> residents = new HashMap<>();
        final Map<String, Integer> guests = new HashMap<>();
        final Set<String> seatedMembers = new HashSet<>();
        final List<Mover> incoming = new ArrayList<>();

        PoolPlan(Pool pool) {
            this.pool = pool;
        }

        boolean resident(String groupId, String user) {
            if (!seatedMembers.add(user)) {
                return false;
            }
            residents.computeIfAbsent(groupId, k -> new ArrayList<>()).add(user);
            return true;
        }

        void guest(String groupId) {
            guests.merge(groupId, 1, Integer::sum);
        }

        boolean seated(String user) {
            return seatedMembers.contains(user);
        }
    }

    /** A group of a pool as planned: who is in it now, and how many it should hold. */
    private static final class Slot {
        final Group group;
        final String id;
        final int cap;
        final int min;
        final List<String> residents;
        /** Seats held by members outside the pool (allowed in when eligibility is ANY); they do not move. */
        final int guests;
        Set<String> anchored = Set.of();
        boolean archivable = true;
        int target;
        int seated;

        Slot(Group group, List<String> residents, int guests) {
            this.group = group;
            this.id = group.groupId();
            this.cap = group.cap();
            this.min = Math.min(group.minSize(), group.cap());
            this.residents = residents;
            this.guests = guests;
        }

        int size() {
            return residents.size() + guests;
        }

        /** What the group cannot go below: members who may not move, and guests. */
        int floor() {
            return anchored.size() + guests;
        }

        int need() {
            return target - seated;
        }
    }

    private record Mover(String userId, String from, Reason reason) {
    }
}
