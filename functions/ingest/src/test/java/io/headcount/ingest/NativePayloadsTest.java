package io.headcount.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.adapters.MessageItems;
import io.headcount.adapters.Write;
import io.headcount.ingest.platform.PlatformEvent;
import io.headcount.ingest.platform.PlatformEvent.Kind;
import io.headcount.ingest.platform.PlatformPayload;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Redelivery of every native webhook payload we hold (Slack, Feishu, DingTalk, WeCom): each file is posted three
 * times to a fresh org whose groups and members are linked to the chat and user ids the payload names. The first
 * delivery keeps what the platform reader gives, the other two are duplicates that change nothing, and the counters
 * hold exactly what one delivery gives. The expected values are computed from the reader's events, so a new payload
 * file is covered by dropping it into {@code payloads/<platform>/}.
 */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class NativePayloadsTest extends StoreTest {
    static final String PAYLOADS = "/payloads";
    static final Set<String> PLATFORMS = Set.of("slack", "feishu", "dingtalk", "wecom");
    /** The oldest payloads are from 2012: a retention of ~55 years keeps every one of them. */
    static final int RETENTION_DAYS = 20_000;
    /** A group for events that name no chat (Feishu reactions): the message they are about sits in it. */
    static final String NO_CHAT_GROUP = "g0";
    static final String AUTHOR = "author";

    @Inject
    IngestFunction function;

    String org;
    String bot;

    // ------------------------------------------------------------------------------------------------ helpers

    /** Every payload file, as {@code <platform folder>/<file>}, found by listing the classpath directory. */
    static List<String> payloadFiles() {
        try {
            Path root = Path.of(NativePayloadsTest.class.getResource(PAYLOADS).toURI());
            try (Stream<Path> files = Files.walk(root)) {
                return files.filter(p -> p.toString().endsWith(".json"))
                        .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String read(String file) {
        try (var in = NativePayloadsTest.class.getResourceAsStream(PAYLOADS + "/" + file)) {
            return new String(Objects.requireNonNull(in, file).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String json) {
        try {
            return Api.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reader the function picks for this payload: the first platform that recognises it. */
    static PlatformPayload readerOf(JsonNode payload) {
        return Delivery.PLATFORMS.stream().filter(p -> p.recognises(payload)).findFirst()
                .orElseThrow(() -> new AssertionError("no platform reader recognises this payload"));
    }

    JsonNode post(String body) {
        APIGatewayV2HTTPResponse r = function.ingest(Api.event(IngestFunction.EVENTS, Map.of("org", org), body, bot));
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Api.body(r);
    }

    static void assertAnswer(JsonNode answer, int accepted, int duplicates, int ignored) {
        assertEquals(accepted, answer.path("accepted").asInt(-1), answer.toString());
        assertEquals(duplicates, answer.path("duplicates").asInt(-1), answer.toString());
        assertEquals(ignored, answer.path("ignored").asInt(-1), answer.toString());
        assertEquals(0, answer.path("rejected").size(), "nothing refused: " + answer);
    }

    Map<String, AttributeValue> item(Keys.Key key) {
        return table.get(key).orElseThrow(() -> new AssertionError("no item " + key));
    }

    long counter(Keys.Key key, String name) {
        return table.get(key).map(i -> Attrs.num(i, name)).orElse(0L);
    }

    static Map<String, Object> normalised(String type, String platform, String messageId, String groupId,
            String userId, Instant at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("platform", platform);
        if (messageId != null) {
            e.put("messageId", messageId);
        }
        e.put("groupId", groupId);
        e.put("userId", userId);
        e.put("at", at.toString());
        return e;
    }

    /**
     * One org set up for one payload: a group per chat id and a member per user id the reader's events name (our
     * ids g1.., m1..), the messages, reactions and seats the events are about already there, and the counters as
     * they stand before the payload is delivered.
     */
    final class Scene {
        final String platform;
        final List<PlatformEvent> events;
        final Map<String, String> groups = new LinkedHashMap<>(); // platform chat id -> our group id
        final Map<String, String> members = new LinkedHashMap<>(); // platform user id -> our member id
        final Map<String, String> seededAuthors = new LinkedHashMap<>(); // stored message id -> its author
        final Map<String, String> seededGroups = new LinkedHashMap<>(); // stored message id -> its group
        final List<Map<String, Object>> seeds = new ArrayList<>();
        boolean noChatGroup;

        Scene(String platform, List<PlatformEvent> events) {
            this.platform = platform;
            this.events = events;
            for (PlatformEvent e : events) {
                if (e.chatId() != null) {
                    groups.computeIfAbsent(e.chatId(), c -> "g" + (groups.size() + 1));
                } else {
                    noChatGroup = true;
                }
                Stream.concat(Stream.ofNullable(e.userId()), e.mentions().stream())
                        .forEach(u -> members.computeIfAbsent(u, x -> "m" + (members.size() + 1)));
            }
        }

        String group(PlatformEvent e) {
            return e.chatId() != null ? groups.get(e.chatId()) : seededGroups.get(storedId(e));
        }

        String member(String platformUserId) {
            return members.get(platformUserId);
        }

        /** The id the message is kept under (Slack's are qualified with the channel). */
        String storedId(PlatformEvent e) {
            return Resolution.qualified(e, e.messageId());
        }

        Keys.Key messageKey(PlatformEvent e) {
            return Keys.message(org, platform, storedId(e));
        }

        /** The author of the message an event is about: as seeded, or the event's author for a new message. */
        String author(PlatformEvent e) {
            return e.kind() == Kind.MESSAGE ? member(e.userId()) : seededAuthors.get(storedId(e));
        }

        void create() {
            table.update(Write.update(Keys.policy(org), "SET #retentionDays = :d").value(":d", RETENTION_DAYS));
            groups.forEach((chat, group) -> fx.groupOnChat(org, group, 15, chat));
            if (noChatGroup) {
                fx.groupOnChat(org, NO_CHAT_GROUP, 15, "chat-of-" + NO_CHAT_GROUP);
            }
            members.forEach((user, member) -> fx.memberOnPlatforms(org, member, Map.of(platform, user)));
            fx.member(org, AUTHOR, "sales", List.of());
        }

        /**
         * What the events need to find: the message an edit, deletion, recall or reaction is about; the reaction a
         * removal takes back; the seat a leave frees. Posted as one normalised batch before the payload.
         */
        void seed() {
            List<Map<String, Object>> messages = new ArrayList<>();
            List<Map<String, Object>> after = new ArrayList<>();
            for (PlatformEvent e : events) {
                String id = storedId(e);
                switch (e.kind()) {
                    case EDITED, DELETED, REACTION_ADDED, REACTION_REMOVED -> {
                        if (!seededAuthors.containsKey(id)) {
                            String group = e.chatId() != null ? groups.get(e.chatId()) : NO_CHAT_GROUP;
                            // Reactions go to someone else's message, so that reactionsReceived moves.
                            String author = e.kind() == Kind.EDITED || (e.kind() == Kind.DELETED && e.userId() != null)
                                    ? member(e.userId()) : AUTHOR;
                            seededAuthors.put(id, author);
                            seededGroups.put(id, group);
                            Map<String, Object> m = normalised("message", platform, id, group, author,
                                    e.at().minusSeconds(120));
                            m.put("text", "原消息 seeded");
                            messages.add(m);
                        }
                        if (e.kind() == Kind.REACTION_REMOVED) {
                            Map<String, Object> r = normalised("reaction_added", platform, id,
                                    seededGroups.get(id), member(e.userId()), e.at().minusSeconds(60));
                            r.put("reaction", e.reaction());
                            after.add(r);
                        }
                    }
                    case MEMBER_LEFT -> after.add(normalised("member_joined", platform, null, group(e),
                            member(e.userId()), e.at().minusSeconds(60)));
                    default -> {
                        // MESSAGE and MEMBER_JOINED need nothing before them.
                    }
                }
            }
            seeds.addAll(messages);
            seeds.addAll(after);
            if (!seeds.isEmpty()) {
                assertAnswer(post(Api.json(Map.of("events", seeds))), seeds.size(), 0, 0);
            }
        }

        /** Every counter the payload could move, by a readable name. */
        Map<String, Long> counters() {
            Map<String, Long> c = new TreeMap<>();
            List<String> allGroups = new ArrayList<>(groups.values());
            if (noChatGroup) {
                allGroups.add(NO_CHAT_GROUP);
            }
            for (String g : allGroups) {
                c.put(g + ".messages", counter(Keys.groupActivity(org, g), "messages"));
                c.put(g + ".reactions", counter(Keys.groupActivity(org, g), "reactions"));
                c.put(g + ".memberCount", (long) fx.storedGroup(org, g).memberCount());
                c.put(g + ".seatItems", (long) fx.seatItems(org, g));
            }
            List<String> allMembers = new ArrayList<>(members.values());
            allMembers.add(AUTHOR);
            for (String m : allMembers) {
                c.put(m + ".messages", counter(Keys.memberActivity(org, m), "messages"));
                c.put(m + ".reactionsReceived", counter(Keys.memberActivity(org, m), "reactionsReceived"));
                c.put(m + ".groupCount", (long) fx.storedMember(org, m).groupCount());
            }
            return c;
        }

        /** The counters after exactly one delivery of the payload. */
        Map<String, Long> expectedAfterOneDelivery(Map<String, Long> before) {
            Map<String, Long> expected = new TreeMap<>(before);
            for (PlatformEvent e : events) {
                String g = group(e);
                String u = member(e.userId());
                switch (e.kind()) {
                    case MESSAGE -> {
                        expected.merge(g + ".messages", 1L, Long::sum);
                        expected.merge(u + ".messages", 1L, Long::sum);
                    }
                    case REACTION_ADDED, REACTION_REMOVED -> {
                        long delta = e.kind() == Kind.REACTION_ADDED ? 1 : -1;
                        expected.merge(g + ".reactions", delta, Long::sum);
                        if (!author(e).equals(u)) {
                            expected.merge(author(e) + ".reactionsReceived", delta, Long::sum);
                        }
                    }
                    case MEMBER_JOINED, MEMBER_LEFT -> {
                        long delta = e.kind() == Kind.MEMBER_JOINED ? 1 : -1;
                        expected.merge(g + ".memberCount", delta, Long::sum);
                        expected.merge(g + ".seatItems", delta, Long::sum);
                        expected.merge(u + ".groupCount", delta, Long::sum);
                    }
                    default -> {
                        // Edits and deletions keep the counts.
                    }
                }
            }
            return expected;
        }

        /** What one delivery leaves on the items the events are about. */
        void assertStored(PlatformEvent e) {
            String g = group(e);
            String u = member(e.userId());
            switch (e.kind()) {
                case MESSAGE -> {
                    Map<String, AttributeValue> m = item(messageKey(e));
                    assertEquals(g, Attrs.str(m, "groupId"), "groupId");
                    assertEquals(u, Attrs.str(m, "userId"), "userId");
                    assertEquals(e.text() == null ? "" : e.text(), Attrs.str(m, "text"), "text");
                    assertEquals(e.mentions().stream().map(this::member).distinct().toList(),
                            Attrs.strings(m, "mentions"), "mentions mapped to our member ids");
                    assertEquals(Resolution.qualified(e, e.replyTo()), Attrs.str(m, "replyTo"), "replyTo");
                    assertEquals(platform, Attrs.str(m, "platform"));
                }
                case EDITED -> {
                    Map<String, AttributeValue> m = item(messageKey(e));
                    assertEquals(e.text() == null ? "" : e.text(), Attrs.str(m, "text"), "the edit's text");
                    assertNotNull(Attrs.str(m, "editedAt"), "editedAt");
                    assertEquals(author(e), Attrs.str(m, "userId"), "the author stays");
                }
                case DELETED -> {
                    Map<String, AttributeValue> m = item(messageKey(e));
                    assertNull(m.get("text"), "a deleted message keeps no text");
                    assertNotNull(Attrs.str(m, "deletedAt"), "deletedAt");
                    assertEquals(u != null ? u : author(e), Attrs.str(m, "deletedBy"), "deletedBy");
                }
                case REACTION_ADDED, REACTION_REMOVED -> {
                    Map<String, AttributeValue> m = item(messageKey(e));
                    List<String> reactions = m.containsKey("reactions") ? m.get("reactions").ss() : List.of();
                    assertEquals(e.kind() == Kind.REACTION_ADDED,
                            reactions.contains(MessageItems.reaction(u, e.reaction())), "reactions: " + reactions);
                }
                case MEMBER_JOINED -> assertTrue(table.get(Keys.seat(org, g, u)).isPresent(), "seat of " + u);
                case MEMBER_LEFT -> assertFalse(table.get(Keys.seat(org, g, u)).isPresent(), "no seat of " + u);
            }
        }
    }

    void newOrg() {
        org = Fixtures.newOrg("nat");
        bot = StoreResource.tokens().mint("bot", org, "connector", 600);
    }

    // ------------------------------------------------------------------------------------------------ tests

    @Test
    void everyPlatformHasPayloadFilesToReplay() {
        Map<String, Long> perPlatform = payloadFiles().stream()
                .collect(Collectors.groupingBy(f -> f.substring(0, f.indexOf('/')), Collectors.counting()));
        assertEquals(PLATFORMS, perPlatform.keySet(), "payload folders: " + perPlatform);
        perPlatform.forEach((platform, count) -> assertTrue(count >= 5, platform + " has only " + count));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloadFiles")
    void aPayloadPostedThreeTimesIsCountedOnce(String file) {
        try {
            replayThreeTimes(file);
        } catch (AssertionError e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
    }

    void replayThreeTimes(String file) {
        newOrg();
        String body = read(file);
        JsonNode payload = tree(body);
        PlatformPayload reader = readerOf(payload);

        Optional<String> challenge = reader.challenge(payload);
        if (challenge.isPresent()) {
            String empty = fx.snapshot();
            for (int delivery = 1; delivery <= 3; delivery++) {
                assertEquals(Map.of("challenge", challenge.get()),
                        Api.JSON.convertValue(post(body), Map.class), "handshake answered, delivery " + delivery);
            }
            assertEquals(empty, fx.snapshot(), "a handshake writes nothing");
            return;
        }

        List<PlatformEvent> events = reader.events(payload);
        Scene scene = new Scene(reader.platform(), events);
        scene.create();
        scene.seed();
        Map<String, Long> before = scene.counters();
        String untouched = fx.snapshot();

        if (events.isEmpty()) {
            for (int delivery = 1; delivery <= 3; delivery++) {
                assertAnswer(post(body), 0, 0, 1);
            }
            assertEquals(untouched, fx.snapshot(), "an ignored payload writes nothing");
            return;
        }

        assertAnswer(post(body), events.size(), 0, 0);
        String afterFirst = fx.snapshot();
        assertFalse(untouched.equals(afterFirst), "the first delivery changed the store");
        assertAnswer(post(body), 0, events.size(), 0);
        assertAnswer(post(body), 0, events.size(), 0);
        assertEquals(afterFirst, fx.snapshot(), "redeliveries change nothing");

        assertEquals(scene.expectedAfterOneDelivery(before), scene.counters(), "counters after three deliveries");
        events.forEach(scene::assertStored);
    }

    /**
     * A Slack message of another member in g1 (C0LAN2Q65) that m1 (U0G9QF9C6) reacts to with the reaction files:
     * slack/reaction-added-thumbsup.json (Ev0831RA0001) and slack/reaction-removed-thumbsup.json (Ev0834RR0001).
     */
    void aMessageToReactTo() {
        newOrg();
        table.update(Write.update(Keys.policy(org), "SET #retentionDays = :d").value(":d", RETENTION_DAYS));
        fx.groupOnChat(org, "g1", 15, "C0LAN2Q65");
        fx.memberOnPlatforms(org, "m1", Map.of("slack", "U0G9QF9C6"));
        fx.member(org, AUTHOR, "sales", List.of());
        Map<String, Object> message = normalised("message", "slack", "C0LAN2Q65:1764211503.000200", "g1", AUTHOR,
                Instant.ofEpochSecond(1764211503));
        message.put("text", "【客户反馈】华南区客户对新报价单很满意");
        assertAnswer(post(Api.json(Map.of("events", List.of(message)))), 1, 0, 0);
    }

    void assertReactionsCounted(long count) {
        assertEquals(count, counter(Keys.groupActivity(org, "g1"), "reactions"), "g1 reactions");
        assertEquals(count, counter(Keys.memberActivity(org, AUTHOR), "reactionsReceived"), "reactionsReceived");
    }

    @Test
    void aReactionRedeliveredAfterItWasRemovedStaysRemoved() {
        aMessageToReactTo();
        String added = read("slack/reaction-added-thumbsup.json");
        assertAnswer(post(added), 1, 0, 0);
        assertAnswer(post(read("slack/reaction-removed-thumbsup.json")), 1, 0, 0);
        String settled = fx.snapshot();

        // Slack retries the addition (our first answer was late): it happened already, so it changes nothing.
        assertAnswer(post(added), 0, 1, 0);
        assertEquals(settled, fx.snapshot(), "a redelivered reaction does not undo its later removal");
        assertReactionsCounted(0);
    }

    @Test
    void aReactionRemovalRedeliveredAfterTheReactionWasAddedAgainChangesNothing() {
        aMessageToReactTo();
        String added = read("slack/reaction-added-thumbsup.json"); // at 1764211600
        String removed = read("slack/reaction-removed-thumbsup.json"); // at 1764211700
        String addedAgain = added.replace("Ev0831RA0001", "Ev0831RA0009")
                .replace("1764211600.001200", "1764211800.000100").replace("1764211600", "1764211800");
        assertAnswer(post(added), 1, 0, 0);
        assertAnswer(post(removed), 1, 0, 0);
        assertAnswer(post(addedAgain), 1, 0, 0);
        String settled = fx.snapshot();
        assertReactionsCounted(1);

        assertAnswer(post(removed), 0, 1, 0);
        assertEquals(settled, fx.snapshot(), "a redelivered removal does not take back the newer reaction");
        assertReactionsCounted(1);
    }
}
