package io.headcount.ingest.platform;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * WeCom (企业微信) group-chat payloads, after the connector has decrypted them.
 *
 * <p><b>Assumption about the transport.</b> WeCom delivers callbacks as encrypted XML and chat-archive records
 * (会话内容存档) as encrypted JSON fetched through its SDK. The connector verifies and decrypts them and posts the
 * plain message as JSON, keeping WeCom's own field names: archive records as WeCom's JSON, callback events with
 * one JSON field per XML element ({@code <ChatId>x</ChatId>} becomes {@code "ChatId": "x"}). Numbers may arrive
 * as numbers or as numeric strings. A repeated XML element such as {@code <MemChangeList><Item>a</Item>
 * <Item>b</Item></MemChangeList>} may arrive as {@code {"Item": ["a","b"]}}, {@code {"Item": "a"}} (a single
 * item) or a plain array; all three are read.
 *
 * <p><b>Chat archive record</b> ({@code msgid}, {@code action}, {@code from}, {@code tolist}, {@code roomid},
 * {@code msgtime} in ms, {@code msgtype}): {@code action "send"} in a group ({@code roomid} not empty) gives a
 * MESSAGE — {@code text.content}, {@code markdown} ({@code info.content}) and {@code mixed} (text items of
 * {@code mixed.item[]}, whose {@code content} is itself a JSON string) carry text; images, files, voice, video
 * and similar media give a MESSAGE without text (still activity); other types give nothing. {@code action
 * "recall"} gives DELETED for {@code revoke.pre_msgid}, by {@code from}, with the recall record's own msgid as
 * eventId. {@code action "switch"} and single chats (empty {@code roomid}) give nothing. The archive does not
 * say whom an {@code @name} in the text refers to, so mentions stay empty.
 *
 * <p><b>Customer group change event</b> ({@code Event "change_external_chat"}, {@code ChatId}, {@code CreateTime}
 * in seconds, {@code ChangeType}, {@code UpdateDetail}): {@code update} with {@code add_member} /
 * {@code del_member} gives one MEMBER_JOINED / MEMBER_LEFT per id in {@code MemChangeList} (internal UserID or
 * external userid, in order, without duplicates). Older callbacks carry only {@code MemChangeCnt} without the
 * list: they say the group changed but not who joined or left, and the member list can only be had from the
 * groupchat API (I/O, not done here), so they give no events. Other events and change types give nothing.
 */
public final class WeComPayload implements PlatformPayload {

    private static final Set<String> MEDIA_TYPES = Set.of("image", "voice", "video", "file", "emotion", "link",
            "location", "card", "weapp", "chatrecord", "docmsg", "news", "calendar", "todo", "vote", "sphfeed",
            "qydiskfile");

    public WeComPayload() {
    }

    @Override
    public String platform() {
        return "wecom";
    }

    @Override
    public boolean recognises(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            return false;
        }
        return (payload.has("msgid") && payload.has("roomid")) || (payload.has("Event") && payload.has("ChatId"));
    }

    @Override
    public List<PlatformEvent> events(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new UnreadablePayload("wecom payload is not a JSON object");
        }
        if (payload.has("msgid")) {
            return archiveRecord(payload);
        }
        if (payload.has("Event")) {
            return callbackEvent(payload);
        }
        throw new UnreadablePayload("wecom payload has neither msgid nor Event");
    }

    // ---- chat archive -------------------------------------------------------------------------------------

    private List<PlatformEvent> archiveRecord(JsonNode p) {
        String msgid = PayloadFields.requiredNonBlankText(p, "msgid", "wecom msgid").strip();
        String action = PayloadFields.requiredNonBlankText(p, "action", "wecom action").strip();
        if (action.equals("switch")) {
            return List.of(); // 切换企业日志: no chat involved
        }
        if (!action.equals("send") && !action.equals("recall")) {
            throw new UnreadablePayload("wecom action '" + action + "' is neither send, recall nor switch");
        }
        JsonNode roomNode = p.get("roomid");
        if (roomNode == null || !(roomNode.isTextual() || roomNode.isNull())) {
            throw new UnreadablePayload("wecom roomid is not a string");
        }
        String roomid = roomNode.isNull() ? "" : roomNode.asText().strip();
        if (roomid.isEmpty()) {
            return List.of(); // single chat
        }
        String from = PayloadFields.requiredNonBlankText(p, "from", "wecom from").strip();
        JsonNode tolist = p.get("tolist");
        if (tolist != null && !tolist.isNull() && !tolist.isArray()) {
            throw new UnreadablePayload("wecom tolist is not an array");
        }
        Instant at = Instant.ofEpochMilli(PayloadFields.requiredEpochMillis(p, "msgtime", "wecom msgtime"));
        String msgtype = PayloadFields.requiredNonBlankText(p, "msgtype", "wecom msgtype").strip();

        if (action.equals("recall")) {
            JsonNode revoke = p.get("revoke");
            if (revoke == null || !revoke.isObject()) {
                throw new UnreadablePayload("wecom recall has no revoke object");
            }
            String pre = PayloadFields.requiredNonBlankText(revoke, "pre_msgid", "wecom revoke.pre_msgid").strip();
            return List.of(new PlatformEvent(platform(), PlatformEvent.Kind.DELETED, msgid, pre, roomid, from, at,
                    null, null, List.of(), null));
        }

        String text;
        switch (msgtype) {
            case "text" -> text = contentString(requiredObject(p, "text", msgtype), "text.content");
            case "markdown" -> text = markdown(p);
            case "mixed" -> text = mixed(p);
            default -> {
                if (!MEDIA_TYPES.contains(msgtype)) {
                    return List.of();
                }
                text = null;
            }
        }
        return List.of(new PlatformEvent(platform(), PlatformEvent.Kind.MESSAGE, null, msgid, roomid, from, at,
                text, null, List.of(), null));
    }

    private static String markdown(JsonNode p) {
        // the archive documents markdown as {"msgtype":"markdown","info":{"content":"..."}}
        JsonNode info = p.get("info");
        if (info == null || !info.isObject()) {
            info = p.get("markdown");
        }
        if (info == null || !info.isObject() || !info.has("content")) {
            throw new UnreadablePayload("wecom markdown message has no info.content");
        }
        return contentString(info, "info.content");
    }

    private static String mixed(JsonNode p) {
        JsonNode items = p.path("mixed").get("item");
        if (items == null || !items.isArray()) {
            throw new UnreadablePayload("wecom mixed message has no mixed.item array");
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode item : items) {
            if (!item.isObject() || !item.path("type").isTextual()) {
                throw new UnreadablePayload("wecom mixed item has no type");
            }
            if (!item.get("type").asText().equals("text")) {
                continue;
            }
            JsonNode content = item.get("content");
            JsonNode inner;
            if (content != null && content.isTextual()) {
                inner = PayloadFields.parseNestedJson(content.asText(), "wecom mixed text item content");
            } else {
                inner = content;
            }
            if (inner == null || !inner.isObject() || !inner.path("content").isTextual()) {
                throw new UnreadablePayload("wecom mixed text item has no content");
            }
            sb.append(inner.get("content").asText());
        }
        String text = sb.toString().strip();
        return text.isEmpty() ? null : text;
    }

    // ---- callback events ----------------------------------------------------------------------------------

    private List<PlatformEvent> callbackEvent(JsonNode p) {
        String event = PayloadFields.requiredNonBlankText(p, "Event", "wecom Event").strip();
        if (!event.equals("change_external_chat")) {
            return List.of();
        }
        String chatId = PayloadFields.requiredNonBlankText(p, "ChatId", "wecom ChatId").strip();
        String changeType = PayloadFields.requiredNonBlankText(p, "ChangeType", "wecom ChangeType").strip();
        Instant at = Instant.ofEpochSecond(PayloadFields.requiredEpochSeconds(p, "CreateTime", "wecom CreateTime"));
        if (!changeType.equals("update")) {
            return List.of(); // create / dismiss
        }
        String detail = PayloadFields.requiredNonBlankText(p, "UpdateDetail", "wecom UpdateDetail").strip();
        PlatformEvent.Kind kind = switch (detail) {
            case "add_member" -> PlatformEvent.Kind.MEMBER_JOINED;
            case "del_member" -> PlatformEvent.Kind.MEMBER_LEFT;
            default -> null; // change_owner, change_name, change_notice
        };
        if (kind == null) {
            return List.of();
        }
        List<PlatformEvent> out = new ArrayList<>();
        for (String member : members(p.get("MemChangeList"))) {
            out.add(new PlatformEvent(platform(), kind, null, null, chatId, member, at, null, null, List.of(), null));
        }
        return out;
    }

    private static List<String> members(JsonNode list) {
        if (list == null || list.isNull() || (list.isTextual() && list.asText().isBlank())) {
            return List.of();
        }
        JsonNode items = list;
        if (list.isObject()) {
            items = list.get("Item");
            if (items == null || items.isNull()) {
                return List.of();
            }
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (items.isArray()) {
            items.forEach(nodes::add);
        } else if (items.isTextual() && list.isObject()) {
            nodes.add(items);
        } else {
            throw new UnreadablePayload("wecom MemChangeList is neither a list nor {Item: ...}");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode n : nodes) {
            if (!n.isTextual() || n.asText().isBlank()) {
                throw new UnreadablePayload("wecom MemChangeList item is not a user id");
            }
            ids.add(n.asText().strip());
        }
        return new ArrayList<>(ids);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private static JsonNode requiredObject(JsonNode p, String field, String msgtype) {
        JsonNode v = p.get(field);
        if (v == null || !v.isObject()) {
            throw new UnreadablePayload("wecom " + msgtype + " message has no " + field + " object");
        }
        return v;
    }

    private static String contentString(JsonNode holder, String what) {
        JsonNode c = holder.get("content");
        if (c == null || !c.isTextual()) {
            throw new UnreadablePayload("wecom " + what + " is not a string");
        }
        return c.asText().strip();
    }
}
