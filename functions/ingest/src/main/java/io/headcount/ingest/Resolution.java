package io.headcount.ingest;

import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.adapters.PlatformLinks;
import io.headcount.domain.ChatEvent;
import io.headcount.domain.ChatEventSpec;
import io.headcount.domain.ChatMessage;
import io.headcount.domain.Checked;
import io.headcount.domain.Policy;
import io.headcount.ingest.platform.PlatformEvent;
import io.headcount.ingest.platform.SlackPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns a delivered event into a checked event of this org, or refuses it. Platform chat and user ids are mapped
 * through the links the groups and members keep; an unknown chat or author is refused, never guessed. Mentions of
 * people who are not members (customers, guests) are dropped. Events about a message need that message kept.
 */
final class Resolution {

    /** A checked event and, for membership changes, the id that makes it happen once. */
    record Resolved(ChatEvent event, String changeId) {
    }

    private final String org;
    private final Policy policy;
    private final Instant now;
    private final Items items;

    Resolution(String org, Policy policy, Instant now, Items items) {
        this.org = org;
        this.policy = policy;
        this.now = now;
        this.items = items;
    }

    /** The links and messages the events name: read together before any event is resolved. */
    static List<Keys.Key> linksAndMessages(String org, List<Incoming> events) {
        List<Keys.Key> keys = new ArrayList<>();
        for (Incoming in : events) {
            if (in.platformEvent() != null) {
                PlatformEvent e = in.platformEvent();
                if (ChatEventSpec.isPlatformId(e.chatId())) {
                    keys.add(Keys.chatLink(org, e.chatId()));
                }
                for (String user : users(e)) {
                    keys.add(Keys.userLink(org, e.platform(), user));
                }
                String messageId = qualified(e, e.messageId());
                if (messageId != null && ChatEventSpec.isPlatformId(messageId)) {
                    keys.add(Keys.message(org, e.platform(), messageId));
                }
            } else if (in.spec() != null && in.spec().messageId() != null
                    && ChatEventSpec.isPlatformId(in.spec().messageId())) {
                keys.add(Keys.message(org, in.spec().platform() == null ? "api" : in.spec().platform(),
                        in.spec().messageId()));
            }
        }
        return keys;
    }

    /** The group, member, seat and activity items the resolved events will touch. */
    static List<Keys.Key> touched(String org, ChatEvent e, Map<String, AttributeValue> about) {
        List<Keys.Key> keys = new ArrayList<>(List.of(Keys.group(org, e.groupId()), Keys.member(org, e.userId()),
                Keys.seat(org, e.groupId(), e.userId()), Keys.memberActivity(org, e.userId()),
                Keys.groupActivity(org, e.groupId())));
        if (about != null) {
            keys.add(Keys.memberActivity(org, Attrs.str(about, "userId")));
        }
        return keys;
    }

    /** The checked event, with platform ids mapped to ours; reads only links and messages. */
    ChatEvent event(Incoming in) {
        if (in.refusal() != null) {
            throw new Refused(in.refusal());
        }
        ChatEventSpec spec = in.spec() != null ? in.spec() : fromPlatform(in.platformEvent());
        Checked<ChatEvent> checked = spec.check(now, ChatMessage.oldestKept(now, policy));
        if (!checked.isValid()) {
            throw new Refused("invalid values: " + checked.violations());
        }
        return checked.value();
    }

    /** The event, once its group, member and (for edits, deletions and reactions) message are known here. */
    Resolved resolve(Incoming in) {
        ChatEvent event = event(in);
        if (items.get(Keys.group(org, event.groupId())).isEmpty()) {
            throw new Refused("group " + event.groupId() + " is not a group of this org");
        }
        if (items.get(Keys.member(org, event.userId())).isEmpty()) {
            throw new Refused("member " + event.userId() + " is not a member of this org");
        }
        if (event.kind().aboutAMessage() && event.kind() != ChatEvent.Kind.MESSAGE) {
            Map<String, AttributeValue> about = message(event.platform(), event.messageId())
                    .orElseThrow(() -> unknownMessage(event.messageId()));
            if (!event.groupId().equals(Attrs.str(about, "groupId"))) {
                throw new Refused("message " + event.messageId() + " belongs to another group");
            }
        }
        return new Resolved(event, event.kind().aboutAMessage() ? null : changeId(in, event));
    }

    Optional<Map<String, AttributeValue>> message(String platform, String messageId) {
        return items.get(Keys.message(org, platform, messageId));
    }

    private ChatEventSpec fromPlatform(PlatformEvent e) {
        String messageId = qualified(e, e.messageId());
        Map<String, AttributeValue> about = messageId == null || !ChatEventSpec.isPlatformId(messageId) ? null
                : message(e.platform(), messageId).orElse(null);
        String groupId;
        if (e.chatId() != null) {
            groupId = linked(Keys.chatLink(org, checkedId(e.chatId(), "chat")))
                    .orElseThrow(() -> new Refused(e.platform() + " chat " + e.chatId()
                            + " is not linked to a group (set the group's platformChatId)"));
        } else if (about != null) {
            groupId = Attrs.str(about, "groupId");
        } else {
            throw unknownMessage(messageId);
        }
        String userId;
        if (e.userId() != null) {
            userId = linked(Keys.userLink(org, e.platform(), checkedId(e.userId(), "user")))
                    .orElseThrow(() -> new Refused(e.platform() + " user " + e.userId()
                            + " is not linked to a member (add it to the member's platformUserIds)"));
        } else if (about != null) {
            userId = Attrs.str(about, "userId");
        } else {
            throw unknownMessage(messageId);
        }
        List<String> mentions = e.mentions().stream().filter(ChatEventSpec::isPlatformId)
                .map(m -> linked(Keys.userLink(org, e.platform(), m)).orElse(null))
                .filter(Objects::nonNull).distinct().limit(ChatEvent.MAX_MENTIONS).collect(Collectors.toList());
        return new ChatEventSpec(e.kind().name().toLowerCase(Locale.ROOT), e.platform(), messageId, groupId, userId,
                e.at().toString(), e.text(), qualified(e, e.replyTo()), mentions, e.reaction());
    }

    private Optional<String> linked(Keys.Key link) {
        return items.get(link).map(PlatformLinks::owner);
    }

    /**
     * A membership change happens once per platform event and member (Feishu reports several members in one
     * event); without an event id, once per kind, group, member and time.
     */
    private static String changeId(Incoming in, ChatEvent event) {
        String delivery = in.platformEvent() != null ? in.platformEvent().eventId() : in.spec().messageId();
        String id = delivery != null
                ? delivery + ":" + event.userId()
                : event.kind() + ":" + event.groupId() + ":" + event.userId() + ":" + event.at().toEpochMilli();
        if (id.length() > 128 + 1 + 64) {
            throw new Refused("the event id is too long (at most 128 characters)");
        }
        return id;
    }

    private static String checkedId(String id, String what) {
        if (!ChatEventSpec.isPlatformId(id)) {
            throw new Refused("the " + what + " id must be 1-128 characters without spaces");
        }
        return id;
    }

    private static Refused unknownMessage(String messageId) {
        if (!ChatEventSpec.isPlatformId(messageId)) {
            return new Refused("the message id must be 1-128 characters without spaces");
        }
        return new Refused("message " + messageId + " is not known here (not received, or older than the retention"
                + " window)");
    }

    /** Slack message ids ({@code ts}) are unique within a channel only: they are kept with the channel. */
    static String qualified(PlatformEvent e, String messageId) {
        if (messageId == null || !SlackPayload.PLATFORM.equals(e.platform()) || e.chatId() == null) {
            return messageId;
        }
        return e.chatId() + ":" + messageId;
    }

    private static List<String> users(PlatformEvent e) {
        List<String> users = new ArrayList<>();
        if (ChatEventSpec.isPlatformId(e.userId())) {
            users.add(e.userId());
        }
        e.mentions().stream().filter(ChatEventSpec::isPlatformId).forEach(users::add);
        return users;
    }
}
