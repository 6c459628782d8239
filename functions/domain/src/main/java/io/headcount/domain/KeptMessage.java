package io.headcount.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    /**
     * A message as the store keeps it once it has arrived and lived its life: tag and hints read from its text
     * against the org's tags (as ingest reads them), the text gone once deleted or removed by an admin.
     */
    public static KeptMessage arrived(String messageId, String userId, Instant at, String text, String replyTo,
            List<String> mentions, List<String> topicTags, boolean deleted, boolean removedByAdmin,
            Set<String> reactors) {
        Optional<TopicTag> tag = TopicTag.of(text, topicTags);
        return new KeptMessage(messageId, userId, at, deleted || removedByAdmin ? null : text,
                tag.map(TopicTag::tag).orElse(null), tag.map(TopicTag::known).orElse(false), replyTo, mentions,
                MessageHints.of(text, tag, mentions), deleted, removedByAdmin, reactors);
    }

    /** The "topic first" rule applies to messages that open a conversation: not replies, not courtesies. */
    public boolean needsTag() {
        return replyTo == null && !hints.courtesy();
    }
}
