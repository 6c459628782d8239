package io.headcount.domain;

import java.time.Instant;
import java.util.List;

/**
 * One chat event in Headcount's terms, checked and ready to store: ids resolved to our groups and members.
 *
 * @param platform  where it came from: {@code api} (our normalised format), {@code slack}, {@code feishu},
 *                  {@code dingtalk} or {@code wecom}; with {@code messageId} it identifies the event for redelivery
 * @param text      at most {@link #MAX_TEXT} characters; {@code truncated} says the original was longer
 * @param mentions  our member ids, in order, without duplicates
 */
public record ChatEvent(
        String platform,
        Kind kind,
        String messageId,
        String groupId,
        String userId,
        Instant at,
        String text,
        boolean truncated,
        String replyTo,
        List<String> mentions,
        String reaction) {

    public static final int MAX_TEXT = 4_000;
    public static final int MAX_MENTIONS = 50;

    public ChatEvent {
        mentions = List.copyOf(mentions);
    }

    public enum Kind {
        MESSAGE, EDITED, DELETED, REMOVED_BY_ADMIN, REACTION_ADDED, REACTION_REMOVED, MEMBER_JOINED, MEMBER_LEFT;

        /** Kinds about one message, which therefore need its id. */
        public boolean aboutAMessage() {
            return this != MEMBER_JOINED && this != MEMBER_LEFT;
        }
    }
}
