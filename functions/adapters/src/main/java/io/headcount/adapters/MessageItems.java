package io.headcount.adapters;

import io.headcount.domain.ChatEvent;
import io.headcount.domain.ChatMessage;
import io.headcount.domain.MessageHints;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Message event items. A message keeps its text until it is deleted, removed by an admin or its retention ends
 * (DynamoDB TTL on {@code expiresAt}); reactions are a string set of {@code "<member> <emoji>"}, so adding the same
 * reaction twice is one reaction.
 */
public final class MessageItems {

    private MessageItems() {
    }

    public static Keys.Key key(String org, ChatEvent event) {
        return Keys.message(org, event.platform(), event.messageId());
    }

    public static Map<String, AttributeValue> item(String org, ChatMessage message) {
        ChatEvent e = message.event();
        Map<String, AttributeValue> item = new HashMap<>(key(org, e).toMap());
        item.put(Keys.GSI1PK, Attrs.s(Keys.groupDay(org, e.groupId(), e.at().atOffset(ZoneOffset.UTC).toLocalDate())));
        item.put(Keys.GSI1SK, Attrs.s(Keys.groupDaySort(e.at(), e.platform(), e.messageId())));
        item.put("platform", Attrs.s(e.platform()));
        item.put("messageId", Attrs.s(e.messageId()));
        item.put("groupId", Attrs.s(e.groupId()));
        item.put("userId", Attrs.s(e.userId()));
        item.put("at", Attrs.time(e.at()));
        Attrs.putIfPresent(item, "replyTo", e.replyTo());
        item.put("mentions", Attrs.list(e.mentions()));
        item.putAll(content(message));
        item.put(Keys.TTL, Attrs.n(message.expiresAt().getEpochSecond()));
        return item;
    }

    /** What an edit replaces: the text and everything read from it. */
    public static Map<String, AttributeValue> content(ChatMessage message) {
        Map<String, AttributeValue> item = new HashMap<>();
        ChatEvent e = message.event();
        item.put("text", Attrs.s(e.text() == null ? "" : e.text()));
        item.put("truncated", AttributeValue.fromBool(e.truncated()));
        item.put("tag", message.tag() == null ? AttributeValue.fromNul(true) : Attrs.s(message.tag()));
        item.put("tagKnown", AttributeValue.fromBool(message.tagKnown()));
        MessageHints hints = message.hints();
        item.put("question", AttributeValue.fromBool(hints.question()));
        item.put("courtesy", AttributeValue.fromBool(hints.courtesy()));
        item.put("taskOwners", Attrs.list(hints.taskOwners()));
        item.put("feedback", AttributeValue.fromBool(hints.feedback()));
        item.put("caseShared", AttributeValue.fromBool(hints.caseShared()));
        return item;
    }

    /** A member's reaction as an element of the message's reaction set. */
    public static String reaction(String userId, String emoji) {
        return userId + " " + emoji;
    }
}
