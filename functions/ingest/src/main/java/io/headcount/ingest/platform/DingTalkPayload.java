package io.headcount.ingest.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * DingTalk enterprise internal robot (企业内部机器人) "receive message" callback: the JSON body DingTalk posts to the
 * robot's HTTPS address (or hands over the Stream channel, same body) when a member @-mentions the robot.
 *
 * <p>Fields read: {@code msgId}, {@code msgtype}, {@code conversationId}, {@code conversationType} ("2" group, "1"
 * single chat), {@code senderStaffId} (the user id Headcount keys members on; the encrypted {@code senderId} is not
 * used), {@code createAt} (epoch ms, a number or a numeric string), {@code text.content}, {@code content.richText[]},
 * {@code atUsers[].staffId/dingtalkId}, {@code chatbotUserId}, and, when present, {@code text.isReplyMsg} /
 * {@code text.repliedMsg.msgId} for quoted replies.
 *
 * <p>DingTalk removes the robot's own @-mention from {@code text.content} before delivery (leaving a leading blank,
 * e.g. {@code " 你好"}), so the text is only trimmed; other members' mentions stay as {@code @name} in the text.
 * Single chats give no events; picture, file, audio and video messages give a MESSAGE without text (they are still
 * activity); other message types give nothing.
 */
public final class DingTalkPayload implements PlatformPayload {

    private static final Set<String> MEDIA_TYPES = Set.of("picture", "file", "audio", "video");

    public DingTalkPayload() {
    }

    @Override
    public String platform() {
        return "dingtalk";
    }

    @Override
    public boolean recognises(JsonNode payload) {
        return payload != null && payload.isObject()
                && payload.hasNonNull("conversationId")
                && payload.hasNonNull("msgId")
                && payload.hasNonNull("msgtype");
    }

    @Override
    public List<PlatformEvent> events(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new UnreadablePayload("dingtalk payload is not a JSON object");
        }
        String msgId = requiredText(payload, "msgId");
        String conversationId = requiredText(payload, "conversationId");
        String msgtype = requiredText(payload, "msgtype");
        String conversationType = scalar(payload, "conversationType");
        if (conversationType == null) {
            throw new UnreadablePayload("dingtalk payload has no conversationType");
        }
        if (conversationType.equals("1")) {
            return List.of(); // single chat with the robot: not a group
        }
        if (!conversationType.equals("2")) {
            throw new UnreadablePayload("dingtalk conversationType '" + conversationType + "' is neither 1 nor 2");
        }
        String staffId = optionalText(payload, "senderStaffId");
        if (staffId == null) {
            throw new UnreadablePayload("dingtalk payload has no senderStaffId (sender is not a member of the org)");
        }
        Instant at = Instant.ofEpochMilli(epoch(payload, "createAt"));

        String text;
        String replyTo = null;
        switch (msgtype) {
            case "text" -> {
                JsonNode textNode = payload.get("text");
                if (textNode == null || !textNode.isObject() || !textNode.has("content")
                        || !textNode.get("content").isTextual()) {
                    throw new UnreadablePayload("dingtalk text message has no text.content string");
                }
                text = textNode.get("content").asText().strip();
                replyTo = repliedMsgId(textNode);
            }
            case "richText" -> text = flattenRichText(payload);
            default -> {
                if (!MEDIA_TYPES.contains(msgtype)) {
                    return List.of();
                }
                text = null;
            }
        }
        List<String> mentions = mentions(payload);
        return List.of(new PlatformEvent(platform(), PlatformEvent.Kind.MESSAGE, null, msgId, conversationId,
                staffId, at, text, replyTo, mentions, null));
    }

    private static String repliedMsgId(JsonNode textNode) {
        JsonNode replied = textNode.get("repliedMsg");
        if (!textNode.path("isReplyMsg").asBoolean(false) || replied == null || replied.isNull()) {
            return null;
        }
        if (!replied.isObject()) {
            throw new UnreadablePayload("dingtalk text.repliedMsg is not an object");
        }
        JsonNode id = replied.get("msgId");
        if (id == null || !id.isTextual() || id.asText().isBlank()) {
            throw new UnreadablePayload("dingtalk text.repliedMsg has no msgId");
        }
        return id.asText();
    }

    private static String flattenRichText(JsonNode payload) {
        JsonNode parts = payload.path("content").get("richText");
        if (parts == null || !parts.isArray()) {
            throw new UnreadablePayload("dingtalk richText message has no content.richText array");
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : parts) {
            if (!part.isObject()) {
                throw new UnreadablePayload("dingtalk richText element is not an object");
            }
            JsonNode t = part.get("text");
            if (t != null && !t.isNull()) {
                if (!t.isTextual()) {
                    throw new UnreadablePayload("dingtalk richText element text is not a string");
                }
                sb.append(t.asText());
            }
            // pictures (type "picture", downloadCode) carry no text
        }
        String text = sb.toString().strip();
        return text.isEmpty() ? null : text;
    }

    private static List<String> mentions(JsonNode payload) {
        JsonNode atUsers = payload.get("atUsers");
        if (atUsers == null || atUsers.isNull()) {
            return List.of();
        }
        if (!atUsers.isArray()) {
            throw new UnreadablePayload("dingtalk atUsers is not an array");
        }
        String bot = optionalText(payload, "chatbotUserId");
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode user : atUsers) {
            if (!user.isObject()) {
                throw new UnreadablePayload("dingtalk atUsers element is not an object");
            }
            String dingtalkId = optionalText(user, "dingtalkId");
            if (bot != null && bot.equals(dingtalkId)) {
                continue; // the robot itself
            }
            String staffId = optionalText(user, "staffId");
            if (staffId != null) { // users from other orgs have no staffId
                ids.add(staffId);
            }
        }
        return new ArrayList<>(ids);
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new UnreadablePayload("dingtalk payload has no " + field);
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new UnreadablePayload("dingtalk " + field + " is not a non-empty string");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new UnreadablePayload("dingtalk " + field + " is not a string");
        }
        return v.asText().isBlank() ? null : v.asText();
    }

    /** A string or integer field as text (DingTalk documents conversationType as a string). */
    private static String scalar(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual() || v.isIntegralNumber()) {
            return v.asText().strip();
        }
        throw new UnreadablePayload("dingtalk " + field + " is not a string");
    }

    private static long epoch(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new UnreadablePayload("dingtalk payload has no " + field);
        }
        long value;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            value = v.asLong();
        } else if (v.isTextual() && v.asText().strip().matches("\\d{1,18}")) {
            value = Long.parseLong(v.asText().strip());
        } else {
            throw new UnreadablePayload("dingtalk " + field + " is not a millisecond timestamp");
        }
        if (value <= 0) {
            throw new UnreadablePayload("dingtalk " + field + " is not a positive millisecond timestamp");
        }
        return value;
    }
}
