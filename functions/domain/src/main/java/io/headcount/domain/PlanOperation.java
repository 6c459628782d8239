package io.headcount.domain;

/**
 * One step of a regroup plan. Which fields are set depends on the operation:
 * <ul>
 * <li>CREATE_GROUP: groupId, name, kind, key, cap, minSize, overflowOf (the pool's first group)</li>
 * <li>ARCHIVE_GROUP: groupId (empty by then: its members were moved first)</li>
 * <li>MOVE: userId, from, to</li>
 * <li>ADD: userId, to</li>
 * <li>REMOVE: userId, from</li>
 * <li>FLAG_INACTIVE: userId (the notice: removed at the first plan after the notice period if still inactive)</li>
 * <li>SET_ADMIN: userId, groupId</li>
 * </ul>
 */
public record PlanOperation(Op op, String userId, String groupId, String from, String to, Reason reason,
        String name, GroupKind kind, String key, Integer cap, Integer minSize, String overflowOf) {

    public enum Op {
        CREATE_GROUP, ARCHIVE_GROUP, MOVE, ADD, REMOVE, FLAG_INACTIVE, SET_ADMIN
    }

    public enum Reason {
        /** The group was over its cap: part of it moves to a group opened beside it. */
        SPLIT,
        /** The pool had more groups than its members fill: the smallest is emptied into its siblings. */
        MERGE,
        /** The group was below its minimum size: a sibling gives it members. */
        FILL,
        /** Pool members without a seat in the pool; a group is opened when the pool has no room. */
        UNGROUPED,
        /** No longer in the group's function or project. */
        IRRELEVANT,
        /** Inactive past the policy's window (flagged first, removed after the notice period). */
        INACTIVE,
        /** Left the company. */
        LEFT,
        /** The group had no admin among its members: its most active member becomes one. */
        NO_ADMIN
    }

    public static PlanOperation create(Group g, Reason reason) {
        return new PlanOperation(Op.CREATE_GROUP, null, g.groupId(), null, null, reason, g.name(), g.kind(), g.key(),
                g.cap(), g.minSize(), g.overflowOf());
    }

    public static PlanOperation archive(String groupId, Reason reason) {
        return new PlanOperation(Op.ARCHIVE_GROUP, null, groupId, null, null, reason, null, null, null, null, null,
                null);
    }

    public static PlanOperation move(String userId, String from, String to, Reason reason) {
        return new PlanOperation(Op.MOVE, userId, null, from, to, reason, null, null, null, null, null, null);
    }

    public static PlanOperation add(String userId, String to, Reason reason) {
        return new PlanOperation(Op.ADD, userId, null, null, to, reason, null, null, null, null, null, null);
    }

    public static PlanOperation remove(String userId, String from, Reason reason) {
        return new PlanOperation(Op.REMOVE, userId, null, from, null, reason, null, null, null, null, null, null);
    }

    public static PlanOperation flag(String userId) {
        return new PlanOperation(Op.FLAG_INACTIVE, userId, null, null, null, Reason.INACTIVE, null, null, null, null,
                null, null);
    }

    public static PlanOperation setAdmin(String userId, String groupId) {
        return new PlanOperation(Op.SET_ADMIN, userId, groupId, null, null, Reason.NO_ADMIN, null, null, null, null,
                null, null);
    }

    /** A move the planner chose to balance a pool; these count towards a member's limit of moves. */
    public boolean isBalancingMove() {
        return op == Op.MOVE && reason != Reason.IRRELEVANT;
    }
}
