package io.headcount.adapters;

import io.headcount.domain.ChatEvent;
import io.headcount.domain.ChatMessage;
import io.headcount.domain.KeptMessage;
import io.headcount.domain.MessageHints;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * A group's kept messages in [start, end): one Query on GSI1 per UTC day partition the span touches, never a
     * Scan.
     */
    public static List<KeptMessage> between(Table table, String org, String groupId, Instant start, Instant end) {
        List<KeptMessage> messages = new ArrayList<>();
        String from = String.format("%013d", start.toEpochMilli());
        String to = String.format("%013d", end.toEpochMilli() - 1) + "~";
        LocalDate last = end.minusMillis(1).atOffset(ZoneOffset.UTC).toLocalDate();
        for (LocalDate day = start.atOffset(ZoneOffset.UTC).toLocalDate(); !day.isAfter(last);
                day = day.plusDays(1)) {
            table.queryIndexRange(Keys.groupDay(org, groupId, day), from, to).stream().map(MessageItems::kept)
                    .forEach(messages::add);
        }
        return messages;
    }

    /** A kept message as digests and scores read it. */
    public static KeptMessage kept(Map<String, AttributeValue> item) {
        String text = Attrs.str(item, "text");
        List<String> mentions = Attrs.strings(item, "mentions");
        AttributeValue reactions = item.get("reactions");
        Set<String> reactors = new TreeSet<>();
        if (reactions != null && reactions.hasSs()) {
            reactions.ss().forEach(r -> reactors.add(r.substring(0, r.indexOf(' '))));
        }
        MessageHints hints = new MessageHints(bool(item, "question"), bool(item, "courtesy"),
                Attrs.strings(item, "taskOwners"), bool(item, "feedback"), bool(item, "caseShared"));
        return new KeptMessage(Attrs.str(item, "messageId"), Attrs.str(item, "userId"),
                Instant.parse(Attrs.str(item, "at")), text, Attrs.str(item, "tag"), bool(item, "tagKnown"),
                Attrs.str(item, "replyTo"), mentions, hints, item.containsKey("deletedAt"),
                item.containsKey("removedAt"), reactors);
    }

    private static boolean bool(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v != null && Boolean.TRUE.equals(v.bool());
    }

    /** The attribute keeping when a reaction last changed (added or removed). */
    public static String reactionChanged(String reaction) {
        return "reactionChanged " + reaction;
    }

    /** A member's reaction as an element of the message's reaction set. */
    public static String reaction(String userId, String emoji) {
        return userId + " " + emoji;
    }
}
