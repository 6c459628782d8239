package io.headcount.domain;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A message as the store keeps it, for digests and scores.
 *
 * @param text     null once deleted or removed
 * @param tag      the leading tag as written, or null; {@code tagKnown} says whether it is one of the org's
 * @param reactors the members who reacted, whatever the emoji
 */
public record KeptMessage(
        String messageId,
        String userId,
        Instant at,
        String text,
        String tag,
        boolean tagKnown,
        String replyTo,
        List<String> mentions,
        MessageHints hints,
        boolean deleted,
        boolean removedByAdmin,
        Set<String> reactors) {

    public KeptMessage {
        mentions = List.copyOf(mentions);
        reactors = Set.copyOf(reactors);
    }

    /** The "topic first" rule applies to messages that open a conversation: not replies, not courtesies. */
    public boolean needsTag() {
        return replyTo == null && !hints.courtesy();
    }
}
