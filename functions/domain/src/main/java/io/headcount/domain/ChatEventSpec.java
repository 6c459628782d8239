package io.headcount.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One event of a batch in Headcount's normalised format, as the connector sends it: {@code type} is
 * {@code message}, {@code edited}, {@code deleted}, {@code removed_by_admin}, {@code reaction_added},
 * {@code reaction_removed}, {@code member_joined} or {@code member_left}; {@code at} is ISO-8601 with an offset.
 */
public record ChatEventSpec(
        String type,
        String platform,
        String messageId,
        String groupId,
        String userId,
        String at,
        String text,
        String replyTo,
        List<String> mentions,
        String reaction) {

    public static final Set<String> PLATFORMS = Set.of("api", "slack", "feishu", "dingtalk", "wecom");
    /** Platform message ids: Slack's "1700000000.000100", Feishu's "om_…", DingTalk's "msg…=="… but no spaces. */
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:@=+/-]{1,128}");
    /** Whether a platform's message, chat, user or event id has a shape this check accepts (and keys can hold). */
    public static boolean isPlatformId(String value) {
        return value != null && MESSAGE_ID.matcher(value).matches();
    }

    /** Events from further in the future than clock skew explains are refused. */
    public static final Duration FUTURE_SKEW = Duration.ofMinutes(5);

    /**
     * The checked event, or why not. Too-long text is kept truncated and flagged rather than refused: the message
     * happened, and counting it matters more than its tail.
     *
     * @param oldest events before this are outside the retention window and refused
     */
    public Checked<ChatEvent> check(Instant now, Instant oldest) {
        Rules rules = new Rules();
        ChatEvent.Kind kind = kind(rules);
        String source = platform == null ? "api" : platform;
        if (!PLATFORMS.contains(source)) {
            rules.fail("platform", "must be one of " + PLATFORMS);
        }
        if (kind != null && kind.aboutAMessage()) {
            messageId(rules, "messageId", messageId, true);
        } else if (messageId != null) {
            messageId(rules, "messageId", messageId, false);
        }
        rules.id("groupId", groupId);
        rules.id("userId", userId);
        Instant when = when(rules, now, oldest);
        messageId(rules, "replyTo", replyTo, false);
        List<String> mentioned = mentions(rules);
        if (kind == ChatEvent.Kind.REACTION_ADDED || kind == ChatEvent.Kind.REACTION_REMOVED) {
            rules.text("reaction", reaction, 64, true);
        } else if (reaction != null) {
            rules.fail("reaction", "only reactions have one");
        }
        if (text != null && text.codePoints().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t'
                && c != '\r')) {
            rules.fail("text", "must not contain control characters");
        } else if (text != null && !Rules.wellFormed(text)) {
            rules.fail("text", "must be valid Unicode (it has an unpaired surrogate escape)");
        }
        if (!rules.ok()) {
            return Checked.invalid(rules.violations());
        }
        boolean truncated = text != null && text.codePointCount(0, text.length()) > ChatEvent.MAX_TEXT;
        String kept = truncated ? text.substring(0, text.offsetByCodePoints(0, ChatEvent.MAX_TEXT)) : text;
        return Checked.ok(new ChatEvent(source, kind, messageId, groupId, userId, when, kept, truncated, replyTo,
                mentioned, reaction));
    }

    private ChatEvent.Kind kind(Rules rules) {
        if (type == null) {
            rules.fail("type", "is required");
            return null;
        }
        try {
            return ChatEvent.Kind.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            rules.fail("type", "must be one of message, edited, deleted, removed_by_admin, reaction_added, "
                    + "reaction_removed, member_joined, member_left");
            return null;
        }
    }

    private Instant when(Rules rules, Instant now, Instant oldest) {
        if (at == null) {
            rules.fail("at", "is required");
            return null;
        }
        Instant when;
        try {
            when = OffsetDateTime.parse(at).toInstant();
        } catch (DateTimeParseException e) {
            rules.fail("at", "must be an ISO-8601 time with an offset, e.g. 2026-11-27T09:30:00+08:00");
            return null;
        }
        if (when.isAfter(now.plus(FUTURE_SKEW))) {
            rules.fail("at", "is in the future");
        } else if (when.isBefore(oldest)) {
            rules.fail("at", "is older than the retention window");
        }
        return when;
    }

    private List<String> mentions(Rules rules) {
        if (mentions == null) {
            return List.of();
        }
        if (mentions.size() > ChatEvent.MAX_MENTIONS) {
            rules.fail("mentions", "must have at most " + ChatEvent.MAX_MENTIONS + " entries");
            return List.of();
        }
        for (int i = 0; i < mentions.size(); i++) {
            rules.id("mentions[" + i + "]", mentions.get(i));
        }
        return mentions.stream().allMatch(Ids::isValid) ? List.copyOf(new LinkedHashSet<>(mentions)) : List.of();
    }

    private static void messageId(Rules rules, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                rules.fail(field, "is required");
            }
        } else if (!MESSAGE_ID.matcher(value).matches()) {
            rules.fail(field, "must be 1-128 characters without spaces");
        }
    }
}
