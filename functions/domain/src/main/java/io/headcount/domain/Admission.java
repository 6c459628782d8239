package io.headcount.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Decides what happens to one joiner. Pure: the store enforces the same conditions atomically when it
 * writes the seat, so a decision made on slightly stale facts can fail but never over-fill a group.
 */
public final class Admission {

    /** Emptiest first: most free seats, then fewest members, then id, so every caller picks the same sibling. */
    private static final Comparator<Group> EMPTIEST = Comparator.comparingInt(Group::free).reversed()
            .thenComparingInt(Group::memberCount)
            .thenComparing(Group::groupId);

    /** A join repeated this soon after its seat was given is a retry, and gets the first answer again. */
    public static final Duration RETRY_WINDOW = Duration.ofMinutes(15);

    private Admission() {
    }

    /**
     * The answer for a joiner who already has a seat in the requested group's pool: the original answer when this
     * is a retry of the request that gave the seat, otherwise ALREADY_MEMBER of the group the seat is in.
     */
    public static Decision again(Seat seat, String requestedGroup, Instant now) {
        boolean retry = requestedGroup.equals(seat.requestedGroup())
                && seat.outcome() != null && seat.outcome().seats()
                && seat.joinedAt() != null && !now.isAfter(seat.joinedAt().plus(RETRY_WINDOW));
        if (!retry) {
            return Decision.alreadyMember(seat.groupId());
        }
        return new Decision(seat.outcome(), seat.groupId(), null, null, null);
    }

    /** Whether a decision about this group may need its siblings: only a full group that redirects or overflows. */
    public static boolean needsPool(Group group) {
        return group.free() == 0 && group.overflow().usesPool();
    }

    public static Decision decide(JoinRequest request) {
        Group group = request.group();
        Member member = request.member();
        if (member == null || !member.isActive()) {
            return Decision.denied(group.groupId(), DenialReason.UNKNOWN_MEMBER);
        }
        if (request.alreadyMember()) {
            return Decision.alreadyMember(group.groupId());
        }
        if (!group.isActive()) {
            return Decision.denied(group.groupId(), DenialReason.GROUP_ARCHIVED);
        }
        if (!isEligible(member, group, request.policy())) {
            return Decision.denied(group.groupId(), DenialReason.NOT_ELIGIBLE);
        }
        if (member.groupCount() >= request.policy().maxGroupsPerMember()) {
            return Decision.denied(group.groupId(), DenialReason.TOO_MANY_GROUPS);
        }
        if (group.free() > 0) {
            return Decision.admitted(group.groupId());
        }
        return whenFull(group, request.pool());
    }

    /**
     * Whether the joiner would be admitted if the group has a seat free: worth trying at once on remembered facts,
     * since the write itself checks the seat, the member's group count and that nothing else changed.
     */
    public static boolean admitsWhenSeatFree(Group group, Member member, Policy policy) {
        return member != null && member.isActive() && group.isActive() && isEligible(member, group, policy)
                && member.groupCount() < policy.maxGroupsPerMember();
    }

    public static boolean isEligible(Member member, Group group, Policy policy) {
        if (policy.eligibility() == Eligibility.ANY) {
            return true;
        }
        return switch (group.kind()) {
            case FUNCTION -> group.key().equals(member.function());
            case PROJECT -> member.projects().contains(group.key());
            case GENERAL -> true;
        };
    }

    private static Decision whenFull(Group group, List<Group> pool) {
        return switch (group.overflow()) {
            case DENY -> Decision.denied(group.groupId(), DenialReason.GROUP_FULL);
            case WAITLIST -> Decision.waitlisted(group.groupId(), group.waitlist() + 1);
            case REDIRECT -> emptiestSibling(group, pool)
                    .map(sibling -> Decision.redirected(sibling.groupId()))
                    .orElseGet(() -> Decision.denied(group.groupId(), DenialReason.GROUP_FULL));
            case OPEN_OVERFLOW -> emptiestSibling(group, pool)
                    .map(sibling -> Decision.redirected(sibling.groupId()))
                    .orElseGet(() -> Decision.overflowOpened(Overflow.open(group, pool)));
        };
    }

    static Optional<Group> emptiestSibling(Group group, List<Group> pool) {
        return pool.stream()
                .filter(g -> !g.groupId().equals(group.groupId()) && g.isActive() && g.samePool(group) && g.free() > 0)
                .min(EMPTIEST);
    }
}
