package io.headcount.ingest.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feishu / Lark open platform, event subscription v2 ({@code "schema": "2.0"}), as pushed to a request URL after
 * decryption, plus the {@code url_verification} handshake.
 *
 * <p>Read:
 * <ul>
 *   <li>{@code im.message.receive_v1} in a {@code group} chat, message types {@code text} and {@code post} →
 *       MESSAGE. Other chat types (p2p) → nothing. Other message types (image, file, audio, media, sticker,
 *       interactive, share_chat, ...) → nothing: Headcount scores and summarises text, and an event without text
 *       would only be noise for the tag, question and task parsers. Messages whose sender is not a user
 *       ({@code sender_type} other than {@code user}) → nothing.</li>
 *   <li>{@code im.chat.member.user.added_v1} / {@code deleted_v1} → one MEMBER_JOINED / MEMBER_LEFT per user,
 *       at the header's {@code create_time} (the event body has no time of its own).</li>
 *   <li>{@code im.message.reaction.created_v1} / {@code deleted_v1} → REACTION_ADDED / REACTION_REMOVED with
 *       {@code reaction_type.emoji_type}; the event carries no {@code chat_id}, so chatId is null and the message
 *       id ties it to its group. Reactions by an app ({@code operator_type: app}) → nothing.</li>
 *   <li>{@code im.message.recalled_v1} → DELETED; the event only says the recaller's role
 *       ({@code recall_type}), not who, so userId is null.</li>
 * </ul>
 * Every other event type → nothing. Timestamps are strings of epoch milliseconds.
 */
public final class FeishuPayload implements PlatformPayload {

    private static final String PLATFORM = "feishu";
    /** Mention placeholders in text content: {@code @_user_1}, {@code @_user_12}, {@code @_all}. */
    private static final Pattern PLACEHOLDER = Pattern.compile("@_user_\\d+|@_all");
    private static final String ALL_KEY = "@_all";
    private static final String ALL_TEXT = "@所有人";

    public FeishuPayload() {
    }

    @Override
    public String platform() {
        return PLATFORM;
    }

    @Override
    public boolean recognises(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return false;
        }
        if ("2.0".equals(PayloadFields.textOrNull(payload.get("schema"))) && payload.path("header").isObject()) {
            return true;
        }
        return isUrlVerification(payload);
    }

    @Override
    public Optional<String> challenge(JsonNode payload) {
        if (payload != null && isUrlVerification(payload)) {
            return Optional.of(payload.get("challenge").asText());
        }
        return Optional.empty();
    }

    @Override
    public List<PlatformEvent> events(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new UnreadablePayload("payload is not a JSON object");
        }
        if (isUrlVerification(payload)) {
            return List.of();
        }
        if (payload.has("encrypt")) {
            throw new UnreadablePayload("payload is encrypted; decrypt it before posting");
        }
        JsonNode schema = payload.get("schema");
        if (schema == null || !schema.isTextual() || !"2.0".equals(schema.asText())) {
            throw new UnreadablePayload("schema is not \"2.0\"");
        }
        JsonNode header = payload.get("header");
        if (header == null || !header.isObject()) {
            throw new UnreadablePayload("header is missing or not an object");
        }
        String eventId = PayloadFields.requiredText(header, "event_id", "header.event_id");
        String eventType = PayloadFields.requiredText(header, "event_type", "header.event_type");
        Long headerTime = PayloadFields.optionalEpochMillis(header.get("create_time"), "header.create_time");

        switch (eventType) {
            case "im.message.receive_v1":
                return message(eventId, event(payload), headerTime);
            case "im.chat.member.user.added_v1":
                return members(eventId, event(payload), headerTime, PlatformEvent.Kind.MEMBER_JOINED);
            case "im.chat.member.user.deleted_v1":
                return members(eventId, event(payload), headerTime, PlatformEvent.Kind.MEMBER_LEFT);
            case "im.message.reaction.created_v1":
                return reaction(eventId, event(payload), headerTime, PlatformEvent.Kind.REACTION_ADDED);
            case "im.message.reaction.deleted_v1":
                return reaction(eventId, event(payload), headerTime, PlatformEvent.Kind.REACTION_REMOVED);
            case "im.message.recalled_v1":
                return recalled(eventId, event(payload), headerTime);
            default:
                return List.of();
        }
    }

    // ---------------------------------------------------------------------------------------------- events

    private List<PlatformEvent> message(String eventId, JsonNode event, Long headerTime) {
        JsonNode message = event.get("message");
        if (message == null || !message.isObject()) {
            throw new UnreadablePayload("event.message is missing or not an object");
        }
        String messageId = PayloadFields.requiredText(message, "message_id", "event.message.message_id");
        String chatId = PayloadFields.requiredText(message, "chat_id", "event.message.chat_id");
        String chatType = PayloadFields.requiredText(message, "chat_type", "event.message.chat_type");
        String messageType = PayloadFields.requiredText(message, "message_type", "event.message.message_type");
        Instant at = at(PayloadFields.optionalEpochMillis(message.get("create_time"), "event.message.create_time"),
                headerTime);
        String replyTo = firstNonEmpty(
                PayloadFields.optionalText(message, "parent_id", "event.message.parent_id"),
                PayloadFields.optionalText(message, "root_id", "event.message.root_id"));

        JsonNode sender = event.get("sender");
        if (sender == null || !sender.isObject()) {
            throw new UnreadablePayload("event.sender is missing or not an object");
        }
        String senderType = PayloadFields.optionalText(sender, "sender_type", "event.sender.sender_type");
        String userId = openId(sender.get("sender_id"), "event.sender.sender_id");
        Map<String, Mention> mentions = mentions(message.get("mentions"));

        if (!"group".equals(chatType)) {
            return List.of();
        }
        if (senderType != null && !"user".equals(senderType)) {
            return List.of();
        }
        if (!"text".equals(messageType) && !"post".equals(messageType)) {
            return List.of();
        }
        JsonNode content = content(message.get("content"));
        Rendered rendered = "text".equals(messageType) ? text(content, mentions) : post(content, mentions);
        return List.of(new PlatformEvent(PLATFORM, PlatformEvent.Kind.MESSAGE, eventId, messageId, chatId, userId,
                at, rendered.text, replyTo, rendered.mentions, null));
    }

    private List<PlatformEvent> members(String eventId, JsonNode event, Long headerTime, PlatformEvent.Kind kind) {
        String chatId = PayloadFields.requiredText(event, "chat_id", "event.chat_id");
        JsonNode users = event.get("users");
        if (users == null || !users.isArray()) {
            throw new UnreadablePayload("event.users is missing or not an array");
        }
        Instant at = at(null, headerTime);
        List<PlatformEvent> out = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            JsonNode user = users.get(i);
            if (!user.isObject()) {
                throw new UnreadablePayload("event.users[" + i + "] is not an object");
            }
            String userId = openId(user.get("user_id"), "event.users[" + i + "].user_id");
            out.add(new PlatformEvent(PLATFORM, kind, eventId, null, chatId, userId, at, null, null, List.of(), null));
        }
        return out;
    }

    private List<PlatformEvent> reaction(String eventId, JsonNode event, Long headerTime, PlatformEvent.Kind kind) {
        String messageId = PayloadFields.requiredText(event, "message_id", "event.message_id");
        JsonNode reactionType = event.get("reaction_type");
        if (reactionType == null || !reactionType.isObject()) {
            throw new UnreadablePayload("event.reaction_type is missing or not an object");
        }
        String emoji = PayloadFields.requiredText(reactionType, "emoji_type", "event.reaction_type.emoji_type");
        Instant at = at(PayloadFields.optionalEpochMillis(event.get("action_time"), "event.action_time"), headerTime);
        String operatorType = PayloadFields.optionalText(event, "operator_type", "event.operator_type");
        if ("app".equals(operatorType)) {
            return List.of();
        }
        String userId = openId(event.get("user_id"), "event.user_id");
        return List.of(new PlatformEvent(PLATFORM, kind, eventId, messageId, null, userId, at, null, null,
                List.of(), emoji));
    }

    private List<PlatformEvent> recalled(String eventId, JsonNode event, Long headerTime) {
        String messageId = PayloadFields.requiredText(event, "message_id", "event.message_id");
        String chatId = PayloadFields.requiredText(event, "chat_id", "event.chat_id");
        Long recallTime = PayloadFields.optionalEpochMillis(event.get("recall_time"), "event.recall_time");
        if (recallTime != null && recallTime < 100_000_000_000L) {
            recallTime = recallTime * 1000; // the docs do not state the unit of recall_time; seconds are tolerated
        }
        return List.of(new PlatformEvent(PLATFORM, PlatformEvent.Kind.DELETED, eventId, messageId, chatId, null,
                at(recallTime, headerTime), null, null, List.of(), null));
    }

    // ---------------------------------------------------------------------------------------------- content

    private record Mention(String key, String openId, String name) {
    }

    private record Rendered(String text, List<String> mentions) {
    }

    /** The message's mentions by placeholder key, in their listed order. */
    private static Map<String, Mention> mentions(JsonNode node) {
        Map<String, Mention> out = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new UnreadablePayload("event.message.mentions is not an array");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode m = node.get(i);
            String where = "event.message.mentions[" + i + "]";
            if (!m.isObject()) {
                throw new UnreadablePayload(where + " is not an object");
            }
            String key = PayloadFields.requiredText(m, "key", where + ".key");
            String name = PayloadFields.optionalText(m, "name", where + ".name");
            String openId = null;
            JsonNode id = m.get("id");
            if (id != null && !id.isNull()) {
                if (id.isObject()) {
                    openId = PayloadFields.optionalText(id, "open_id", where + ".id.open_id");
                } else if (id.isTextual()) {
                    openId = id.asText(); // the message resource lists id as the open_id string itself
                } else {
                    throw new UnreadablePayload(where + ".id is neither an object nor a string");
                }
            }
            if (openId != null && openId.isEmpty()) {
                openId = null;
            }
            out.put(key, new Mention(key, openId, name));
        }
        return out;
    }

    private static JsonNode content(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw new UnreadablePayload("event.message.content is missing or not a string");
        }
        JsonNode parsed = PayloadFields.parseNestedJson(node.asText(), "event.message.content");
        if (parsed == null || !parsed.isObject()) {
            throw new UnreadablePayload("event.message.content is not a JSON object");
        }
        return parsed;
    }

    /** {@code {"text": "..."}} with {@code @_user_N} placeholders resolved through the mentions. */
    private static Rendered text(JsonNode content, Map<String, Mention> mentions) {
        JsonNode text = content.get("text");
        if (text == null || !text.isTextual()) {
            throw new UnreadablePayload("text content has no string \"text\"");
        }
        Set<String> mentioned = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text.asText());
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String key = matcher.group();
            Mention mention = mentions.get(key);
            String replacement;
            if (ALL_KEY.equals(key)) {
                replacement = mention != null && mention.name() != null && !mention.name().isEmpty()
                        ? "@" + mention.name() : ALL_TEXT;
            } else if (mention != null) {
                replacement = "@" + (mention.name() != null ? mention.name() : "");
                if (mention.openId() != null) {
                    mentioned.add(mention.openId());
                }
            } else {
                replacement = key; // a placeholder with no mention listed: left as written
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return new Rendered(out.toString(), List.copyOf(mentioned));
    }

    /**
     * {@code {"title": "...", "content": [[element, ...], ...]}} flattened to plain text: the title on the first
     * line, then one line per paragraph. A locale-wrapped post ({@code {"zh_cn": {...}}}, the shape used when
     * sending) is read too, preferring zh_cn, then en_us, then the first locale.
     */
    private static Rendered post(JsonNode content, Map<String, Mention> mentions) {
        JsonNode body = content;
        if (!content.has("content") && !content.has("title")) {
            body = null;
            for (String locale : List.of("zh_cn", "en_us", "ja_jp")) {
                if (content.path(locale).isObject()) {
                    body = content.get(locale);
                    break;
                }
            }
            if (body == null) {
                Iterator<JsonNode> values = content.elements();
                if (values.hasNext()) {
                    JsonNode first = values.next();
                    if (first.isObject()) {
                        body = first;
                    }
                }
            }
            if (body == null) {
                throw new UnreadablePayload("post content has neither title nor content");
            }
        }
        List<String> lines = new ArrayList<>();
        JsonNode title = body.get("title");
        if (title != null && !title.isNull()) {
            if (!title.isTextual()) {
                throw new UnreadablePayload("post title is not a string");
            }
            if (!title.asText().isBlank()) {
                lines.add(title.asText());
            }
        }
        Set<String> mentioned = new LinkedHashSet<>();
        JsonNode paragraphs = body.get("content");
        if (paragraphs != null && !paragraphs.isNull()) {
            if (!paragraphs.isArray()) {
                throw new UnreadablePayload("post content is not a list of paragraphs");
            }
            for (int p = 0; p < paragraphs.size(); p++) {
                JsonNode paragraph = paragraphs.get(p);
                if (!paragraph.isArray()) {
                    throw new UnreadablePayload("post paragraph " + p + " is not a list of elements");
                }
                StringBuilder line = new StringBuilder();
                for (int e = 0; e < paragraph.size(); e++) {
                    line.append(element(paragraph.get(e), "post paragraph " + p + " element " + e, mentions,
                            mentioned));
                }
                lines.add(line.toString());
            }
        }
        return new Rendered(String.join("\n", lines), List.copyOf(mentioned));
    }

    private static String element(JsonNode element, String where, Map<String, Mention> mentions,
                                  Set<String> mentioned) {
        if (!element.isObject()) {
            throw new UnreadablePayload(where + " is not an object");
        }
        String tag = PayloadFields.requiredText(element, "tag", where + ".tag");
        switch (tag) {
            case "text":
            case "code_block":
            case "md": {
                String text = PayloadFields.optionalText(element, "text", where + ".text");
                return text == null ? "" : text;
            }
            case "a": {
                String text = PayloadFields.optionalText(element, "text", where + ".text");
                if (text != null && !text.isEmpty()) {
                    return text;
                }
                String href = PayloadFields.optionalText(element, "href", where + ".href");
                return href == null ? "" : href;
            }
            case "at": {
                String userId = PayloadFields.optionalText(element, "user_id", where + ".user_id");
                String userName = PayloadFields.optionalText(element, "user_name", where + ".user_name");
                if (userId == null || "all".equals(userId) || ALL_KEY.equals(userId)) {
                    return userName != null && !userName.isEmpty() ? "@" + userName : ALL_TEXT;
                }
                // In a received post the at element names its mention by placeholder key (@_user_1);
                // an element carrying the open_id itself is read as such.
                Mention mention = mentions.get(userId);
                String openId = mention != null ? mention.openId() : (userId.startsWith("@_") ? null : userId);
                String name = userName != null && !userName.isEmpty() ? userName
                        : mention != null && mention.name() != null ? mention.name() : "";
                if (openId != null) {
                    mentioned.add(openId);
                }
                return "@" + name;
            }
            default:
                return ""; // img, media, emotion, hr and tags added later carry no text
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static boolean isUrlVerification(JsonNode payload) {
        return payload.isObject()
                && "url_verification".equals(PayloadFields.textOrNull(payload.get("type")))
                && payload.path("challenge").isTextual()
                && payload.path("token").isTextual()
                && !payload.has("team_id")
                && !payload.has("api_app_id");
    }

    private static JsonNode event(JsonNode payload) {
        JsonNode event = payload.get("event");
        if (event == null || !event.isObject()) {
            throw new UnreadablePayload("event is missing or not an object");
        }
        return event;
    }

    private static String openId(JsonNode ids, String where) {
        if (ids == null || !ids.isObject()) {
            throw new UnreadablePayload(where + " is missing or not an object");
        }
        return PayloadFields.requiredText(ids, "open_id", where + ".open_id");
    }

    private static Instant at(Long preferred, Long fallback) {
        Long ms = preferred != null ? preferred : fallback;
        if (ms == null) {
            throw new UnreadablePayload("no timestamp: neither the event's time nor header.create_time");
        }
        return Instant.ofEpochMilli(ms);
    }

    private static String firstNonEmpty(String a, String b) {
        if (a != null && !a.isEmpty()) {
            return a;
        }
        return b != null && !b.isEmpty() ? b : null;
    }
}
