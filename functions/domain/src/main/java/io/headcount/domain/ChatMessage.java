package io.headcount.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A message (or the new text of an edit) as it is kept: the event, its leading topic tag checked against the
 * org's tags, what kind of message it is, and when it must be forgotten.
 *
 * @param tag       the leading tag as written, or null
 * @param tagKnown  whether the tag is one of the org's; false when there is none
 * @param expiresAt the end of the retention window, counted from when the message was written
 */
public record ChatMessage(ChatEvent event, String tag, boolean tagKnown, MessageHints hints, Instant expiresAt) {

    public static ChatMessage of(ChatEvent event, Policy policy) {
        Optional<TopicTag> tag = TopicTag.of(event.text(), policy.topicTags());
        MessageHints hints = MessageHints.of(event.text(), tag, event.mentions());
        return new ChatMessage(event, tag.map(TopicTag::tag).orElse(null), tag.map(TopicTag::known).orElse(false),
                hints, expiry(event.at(), policy));
    }

    public static Instant expiry(Instant at, Policy policy) {
        return at.plus(Duration.ofDays(policy.retentionDays()));
    }

    /** Events older than this are outside the retention window: they would be deleted as soon as they are kept. */
    public static Instant oldestKept(Instant now, Policy policy) {
        return now.minus(Duration.ofDays(policy.retentionDays()));
    }
}
