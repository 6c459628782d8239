package io.headcount.ingest.platform;

import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.ingest.platform.PlatformEvent.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's Events API over HTTP: the {@code event_callback} envelope ({@code team_id}, {@code api_app_id},
 * {@code event_id}, {@code event_time}, {@code event}) and the {@code url_verification} handshake.
 *
 * <p>Supported inner events: {@code message} (plain, thread replies, {@code thread_broadcast}, {@code file_share},
 * {@code me_message}; {@code message_changed} → EDITED; {@code message_deleted} → DELETED; bot messages ignored),
 * {@code reaction_added}/{@code reaction_removed} on messages, and {@code member_joined_channel}/{@code
 * member_left_channel}. Everything else gives an empty list.
 *
 * <p>Slack timestamps ({@code ts}, {@code event_ts}) are strings of epoch seconds with a six-digit microsecond part;
 * a message's {@code ts} is its id within the channel and is kept exactly as sent.
 */
public final class SlackPayload implements PlatformPayload {

    public static final String PLATFORM = "slack";

    private static final String EVENT_CALLBACK = "event_callback";
    private static final String URL_VERIFICATION = "url_verification";

    /** Epoch seconds, optionally with up to six fractional (microsecond) digits. */
    private static final Pattern TS = Pattern.compile("(\\d{1,12})(?:\\.(\\d{1,6}))?");

    /** Slack's control sequences in message text: {@code <...>}. */
    private static final Pattern MARKUP = Pattern.compile("<([^<>]*)>");

    /** Message subtypes that are ordinary user messages. */
    private static final Set<String> USER_MESSAGE_SUBTYPES = Set.of("thread_broadcast", "file_share", "me_message");

    public SlackPayload() {
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
        JsonNode type = payload.get("type");
        if (type == null || !type.isTextual()) {
            return false;
        }
        if (!EVENT_CALLBACK.equals(type.asText()) && !URL_VERIFICATION.equals(type.asText())) {
            return false;
        }
        // Feishu/Lark reuse the words event_callback and url_verification; their envelopes carry a schema (v2)
        // or a uuid (v1), which Slack's never do.
        if (payload.has("schema") || payload.has("header") || payload.has("uuid")) {
            return false;
        }
        return payload.has("token") || payload.has("team_id") || payload.has("api_app_id");
    }

    @Override
    public Optional<String> challenge(JsonNode payload) {
        if (payload == null || !payload.isObject()
                || !URL_VERIFICATION.equals(PayloadFields.textOrNull(payload.get("type")))) {
            return Optional.empty();
        }
        JsonNode challenge = payload.get("challenge");
        if (challenge == null || !challenge.isTextual() || challenge.asText().isEmpty()) {
            throw new UnreadablePayload("url_verification without a challenge string");
        }
        return Optional.of(challenge.asText());
    }

    @Override
    public List<PlatformEvent> events(JsonNode payload) {
        if (payload == null || !payload.isObject()) {
            throw new UnreadablePayload("payload is not a JSON object");
        }
        String type = PayloadFields.optionalText(payload, "type", "type");
        if (type == null) {
            throw new UnreadablePayload("payload has no type");
        }
        if (URL_VERIFICATION.equals(type)) {
            challenge(payload); // validates it
            return List.of();
        }
        if (!EVENT_CALLBACK.equals(type)) {
            return List.of(); // e.g. app_rate_limited: nothing to ingest
        }
        String eventId = PayloadFields.optionalText(payload, "event_id", "event_id");
        JsonNode event = payload.get("event");
        if (event == null || event.isNull()) {
            throw new UnreadablePayload("event_callback without event");
        }
        if (!event.isObject()) {
            throw new UnreadablePayload("event is not an object");
        }
        String eventType = PayloadFields.optionalText(event, "type", "event.type");
        if (eventType == null) {
            throw new UnreadablePayload("event has no type");
        }
        return switch (eventType) {
            case "message" -> message(payload, eventId, event);
            case "reaction_added" -> reaction(eventId, event, Kind.REACTION_ADDED);
            case "reaction_removed" -> reaction(eventId, event, Kind.REACTION_REMOVED);
            case "member_joined_channel" -> membership(payload, eventId, event, Kind.MEMBER_JOINED);
            case "member_left_channel" -> membership(payload, eventId, event, Kind.MEMBER_LEFT);
            default -> List.of();
        };
    }

    // ---------------------------------------------------------------------------------------------------- message

    private List<PlatformEvent> message(JsonNode envelope, String eventId, JsonNode event) {
        String subtype = PayloadFields.optionalText(event, "subtype", "event.subtype");
        if ("bot_message".equals(subtype) || event.hasNonNull("bot_id")) {
            return List.of();
        }
        String channel = PayloadFields.requiredText(event, "channel", "event.channel");
        if (subtype == null || USER_MESSAGE_SUBTYPES.contains(subtype)) {
            return List.of(plainMessage(eventId, channel, event));
        }
        return switch (subtype) {
            case "message_changed" -> edited(eventId, channel, event);
            case "message_deleted" -> deleted(eventId, channel, event);
            default -> List.of(); // channel_join/channel_leave (member_* events cover them), topic changes, ...
        };
    }

    private PlatformEvent plainMessage(String eventId, String channel, JsonNode event) {
        String ts = PayloadFields.requiredText(event, "ts", "event.ts");
        Instant at = instant(ts, "event.ts");
        String user = PayloadFields.requiredText(event, "user", "event.user");
        Text text = text(PayloadFields.optionalText(event, "text", "event.text"));
        String replyTo = replyTo(event, ts, "event.thread_ts");
        return new PlatformEvent(PLATFORM, Kind.MESSAGE, eventId, ts, channel, user, at, text.plain(), replyTo,
                text.mentions(), null);
    }

    private List<PlatformEvent> edited(String eventId, String channel, JsonNode event) {
        JsonNode message = event.get("message");
        if (message == null || !message.isObject()) {
            throw new UnreadablePayload("message_changed without a message object");
        }
        if ("bot_message".equals(PayloadFields.optionalText(message, "subtype", "event.message.subtype"))
                || message.hasNonNull("bot_id")) {
            return List.of();
        }
        String messageTs = PayloadFields.requiredText(message, "ts", "event.message.ts");
        instant(messageTs, "event.message.ts");
        String newText = PayloadFields.optionalText(message, "text", "event.message.text");
        JsonNode previous = event.get("previous_message");
        if (previous != null && previous.isObject() && previous.has("text")) {
            String oldText = PayloadFields.optionalText(previous, "text", "event.previous_message.text");
            if (newText != null && newText.equals(oldText)) {
                return List.of(); // link unfurls, language detection, thread metadata: the text did not change
            }
        }
        // When it happened: the event's own ts is the time of the change (equal to message.edited.ts).
        String whenTs = PayloadFields.optionalText(event, "ts", "event.ts");
        if (whenTs == null) {
            whenTs = PayloadFields.requiredText(event, "event_ts", "event.event_ts");
        }
        Instant at = instant(whenTs, "event.ts");
        String editor = null;
        JsonNode edited = message.get("edited");
        if (edited != null && edited.isObject()) {
            editor = PayloadFields.optionalText(edited, "user", "event.message.edited.user");
        }
        if (editor == null) {
            editor = PayloadFields.requiredText(message, "user", "event.message.user");
        }
        Text text = text(newText);
        String replyTo = replyTo(message, messageTs, "event.message.thread_ts");
        return List.of(new PlatformEvent(PLATFORM, Kind.EDITED, eventId, messageTs, channel, editor, at,
                text.plain(), replyTo, text.mentions(), null));
    }

    private List<PlatformEvent> deleted(String eventId, String channel, JsonNode event) {
        String deletedTs = PayloadFields.requiredText(event, "deleted_ts", "event.deleted_ts");
        instant(deletedTs, "event.deleted_ts");
        String whenTs = PayloadFields.optionalText(event, "ts", "event.ts");
        if (whenTs == null) {
            whenTs = PayloadFields.requiredText(event, "event_ts", "event.event_ts");
        }
        Instant at = instant(whenTs, "event.ts");
        // Slack does not say who deleted (previous_message.user is the author), so the deleter stays unknown.
        return List.of(new PlatformEvent(PLATFORM, Kind.DELETED, eventId, deletedTs, channel, null, at, null, null,
                List.of(), null));
    }

    private static String replyTo(JsonNode message, String ts, String where) {
        String threadTs = PayloadFields.optionalText(message, "thread_ts", where);
        if (threadTs == null || threadTs.equals(ts)) {
            return null;
        }
        instant(threadTs, where);
        return threadTs;
    }

    // --------------------------------------------------------------------------------------------------- reaction

    private List<PlatformEvent> reaction(String eventId, JsonNode event, Kind kind) {
        String user = PayloadFields.requiredText(event, "user", "event.user");
        String reaction = PayloadFields.requiredText(event, "reaction", "event.reaction");
        JsonNode item = event.get("item");
        if (item == null || !item.isObject()) {
            throw new UnreadablePayload("event.item missing or not an object");
        }
        String itemType = PayloadFields.optionalText(item, "type", "event.item.type");
        if (itemType != null && !"message".equals(itemType)) {
            return List.of(); // reactions on files or file comments (legacy)
        }
        String channel = PayloadFields.requiredText(item, "channel", "event.item.channel");
        String ts = PayloadFields.requiredText(item, "ts", "event.item.ts");
        instant(ts, "event.item.ts");
        Instant at = instant(PayloadFields.requiredText(event, "event_ts", "event.event_ts"), "event.event_ts");
        return List.of(new PlatformEvent(PLATFORM, kind, eventId, ts, channel, user, at, null, null, List.of(),
                reaction));
    }

    // ------------------------------------------------------------------------------------------------- membership

    private List<PlatformEvent> membership(JsonNode envelope, String eventId, JsonNode event, Kind kind) {
        String user = PayloadFields.requiredText(event, "user", "event.user");
        String channel = PayloadFields.requiredText(event, "channel", "event.channel");
        Instant at;
        String eventTs = PayloadFields.optionalText(event, "event_ts", "event.event_ts");
        if (eventTs != null) {
            at = instant(eventTs, "event.event_ts");
        } else {
            // Slack's reference example of these events has no event_ts; the envelope's event_time then dates it.
            JsonNode eventTime = envelope.get("event_time");
            if (eventTime == null || eventTime.isNull()) {
                throw new UnreadablePayload("event.event_ts and event_time both missing");
            }
            if (!eventTime.canConvertToLong() || !eventTime.isIntegralNumber() || eventTime.asLong() < 0) {
                throw new UnreadablePayload("event_time is not a number of seconds");
            }
            at = Instant.ofEpochSecond(eventTime.asLong());
        }
        return List.of(new PlatformEvent(PLATFORM, kind, eventId, null, channel, user, at, null, null, List.of(),
                null));
    }

    // ------------------------------------------------------------------------------------------------------- text

    /** Plain text with Slack markup flattened, and the user ids it mentions. */
    record Text(String plain, List<String> mentions) {
    }

    static Text text(String raw) {
        if (raw == null) {
            return new Text(null, List.of());
        }
        Set<String> mentions = new LinkedHashSet<>();
        Matcher m = MARKUP.matcher(raw);
        StringBuilder out = new StringBuilder(raw.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(flatten(m.group(1), mentions)));
        }
        m.appendTail(out);
        return new Text(unescape(out.toString()), new ArrayList<>(mentions));
    }

    private static String flatten(String inner, Set<String> mentions) {
        int bar = inner.indexOf('|');
        String target = bar < 0 ? inner : inner.substring(0, bar);
        String label = bar < 0 ? null : inner.substring(bar + 1);
        if (target.startsWith("@")) { // <@U024BE7LH> or <@U024BE7LH|bob>
            String id = target.substring(1);
            if (!id.isEmpty()) {
                mentions.add(id);
            }
            return "@" + id;
        }
        if (target.startsWith("#")) { // <#C024BE7LR|general>
            return "#" + (label != null && !label.isEmpty() ? label : target.substring(1));
        }
        if (target.startsWith("!")) { // <!here>, <!channel>, <!everyone>, <!subteam^ID|@team>, <!date^...|fallback>
            String command = target.substring(1);
            if (label != null && !label.isEmpty()) {
                return label.startsWith("@") || command.startsWith("date") ? label : "@" + label;
            }
            int caret = command.indexOf('^');
            return "@" + (caret < 0 ? command : command.substring(caret + 1));
        }
        // a link: <https://example.com|label>, <https://example.com>, <mailto:a@b.c|a@b.c>
        return label != null && !label.isEmpty() ? label : target;
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }

    // -------------------------------------------------------------------------------------------------- helpers

    /** A Slack timestamp ({@code "1355517523.000005"}) as an instant with microsecond precision. */
    static Instant instant(String ts, String where) {
        Matcher m = TS.matcher(ts);
        if (!m.matches()) {
            throw new UnreadablePayload(where + " is not a Slack timestamp: " + abbreviate(ts));
        }
        long seconds = Long.parseLong(m.group(1));
        String fraction = m.group(2) == null ? "" : m.group(2);
        long micros = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "000000").substring(0, 6));
        return Instant.ofEpochSecond(seconds, micros * 1_000L);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
