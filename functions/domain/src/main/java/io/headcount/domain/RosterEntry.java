package io.headcount.domain;

import java.time.Instant;
import java.util.List;

/**
 * A member as regroup sees them: what they work on, when they last spoke, whether they were told they are about to
 * be removed for inactivity, and when they were last moved between groups.
 *
 * @param lastActiveAt the latest of their last message and their last join (never null: a member who never spoke
 *                     is active from the day they joined)
 * @param flaggedAt    when regroup last flagged them as inactive, or null
 * @param moves        when regroup moved them between groups of one pool (older entries may be left out)
 */
public record RosterEntry(String userId, String function, List<String> projects, MemberStatus status,
        Instant lastActiveAt, Instant flaggedAt, List<Instant> moves) {

    public RosterEntry {
        projects = List.copyOf(projects);
        moves = List.copyOf(moves);
    }

    public boolean isActive() {
        return status == MemberStatus.ACTIVE;
    }
}
