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
        String msgId = PayloadFields.requiredNonBlankText(payload, "msgId", "dingtalk msgId");
        String conversationId =
                PayloadFields.requiredNonBlankText(payload, "conversationId", "dingtalk conversationId");
        String msgtype = PayloadFields.requiredNonBlankText(payload, "msgtype", "dingtalk msgtype");
        String conversationType = PayloadFields.scalar(payload, "conversationType", "dingtalk conversationType");
        if (conversationType == null) {
            throw new UnreadablePayload("dingtalk payload has no conversationType");
        }
        if (conversationType.equals("1")) {
            return List.of(); // single chat with the robot: not a group
        }
        if (!conversationType.equals("2")) {
            throw new UnreadablePayload("dingtalk conversationType '" + conversationType + "' is neither 1 nor 2");
        }
        String staffId = PayloadFields.optionalNonBlankText(payload, "senderStaffId", "dingtalk senderStaffId");
        if (staffId == null) {
            throw new UnreadablePayload("dingtalk payload has no senderStaffId (sender is not a member of the org)");
        }
        Instant at = Instant.ofEpochMilli(PayloadFields.requiredEpochMillis(payload, "createAt", "dingtalk createAt"));

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
        String bot = PayloadFields.optionalNonBlankText(payload, "chatbotUserId", "dingtalk chatbotUserId");
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode user : atUsers) {
            if (!user.isObject()) {
                throw new UnreadablePayload("dingtalk atUsers element is not an object");
            }
            String dingtalkId = PayloadFields.optionalNonBlankText(user, "dingtalkId", "dingtalk dingtalkId");
            if (bot != null && bot.equals(dingtalkId)) {
                continue; // the robot itself
            }
            String staffId = PayloadFields.optionalNonBlankText(user, "staffId", "dingtalk staffId");
            if (staffId != null) { // users from other orgs have no staffId
                ids.add(staffId);
            }
        }
        return new ArrayList<>(ids);
    }
}
