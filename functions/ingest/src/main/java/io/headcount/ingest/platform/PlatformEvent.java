package io.headcount.ingest.platform;

import java.time.Instant;
import java.util.List;

/**
 * One event as a chat platform reported it, before its chat and user ids are resolved to Headcount's groups and
 * members through the ids stored on them ({@code platformChatId}, {@code platformUserIds}).
 *
 * @param platform  {@code slack}, {@code feishu}, {@code dingtalk} or {@code wecom}
 * @param eventId   the platform's id of this delivery when it has one (redelivery check), else null
 * @param messageId the platform message id: the message itself, the message edited, deleted or reacted to; null
 *                  for membership changes
 * @param chatId    the platform's chat or channel id
 * @param userId    the author, editor, reactor or (for membership changes) the member who joined or left; for a
 *                  deletion the person who deleted when the platform says, else null
 * @param at        when it happened, as the platform timestamps it
 * @param text      plain text of a message or an edit (rich text flattened, mention markup replaced by
 *                  {@code @name}), else null
 * @param replyTo   the platform id of the message this one replies to (thread parent or quoted message), else null
 * @param mentions  platform user ids mentioned in the text, in order, without duplicates
 * @param reaction  the emoji name of a reaction, else null
 */
public record PlatformEvent(
        String platform,
        Kind kind,
        String eventId,
        String messageId,
        String chatId,
        String userId,
        Instant at,
        String text,
        String replyTo,
        List<String> mentions,
        String reaction) {

    public PlatformEvent {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    public enum Kind {
        MESSAGE, EDITED, DELETED, REACTION_ADDED, REACTION_REMOVED, MEMBER_JOINED, MEMBER_LEFT
    }
}
