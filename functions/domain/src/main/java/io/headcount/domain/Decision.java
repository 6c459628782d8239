package io.headcount.domain;

/**
 * The answer to a join request.
 *
 * @param groupId  the group the answer is about: the seat's group when seated, else the requested group
 * @param reason   set when DENIED
 * @param position set when WAITLISTED, 1 for the head of the queue
 * @param opened   set when OVERFLOW_OPENED: the group to create together with the seat
 */
public record Decision(Outcome outcome, String groupId, DenialReason reason, Integer position, Group opened) {

    public static Decision admitted(String groupId) {
        return new Decision(Outcome.ADMITTED, groupId, null, null, null);
    }

    public static Decision alreadyMember(String groupId) {
        return new Decision(Outcome.ALREADY_MEMBER, groupId, null, null, null);
    }

    public static Decision redirected(String groupId) {
        return new Decision(Outcome.REDIRECTED, groupId, null, null, null);
    }

    public static Decision overflowOpened(Group opened) {
        return new Decision(Outcome.OVERFLOW_OPENED, opened.groupId(), null, null, opened);
    }

    public static Decision waitlisted(String groupId, int position) {
        return new Decision(Outcome.WAITLISTED, groupId, null, position, null);
    }

    public static Decision denied(String groupId, DenialReason reason) {
        return new Decision(Outcome.DENIED, groupId, reason, null, null);
    }
}
