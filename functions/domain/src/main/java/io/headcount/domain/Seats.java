package io.headcount.domain;

/** How full a group is, as the seats route reports it. */
public record Seats(String groupId, int cap, int members, int free, int waitlist) {

    public static Seats of(Group group) {
        return new Seats(group.groupId(), group.cap(), group.memberCount(), group.free(), group.waitlist());
    }
}
