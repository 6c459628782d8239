package io.headcount.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OverflowMode;
import io.headcount.testing.Api;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Malformed and hostile input to POST /orgs/{org}/events. A bad event in a batch is refused alone, by index and
 * with its reason, and the good events around it are kept exactly as if they had come alone; a body that cannot be
 * a batch at all (too large, not JSON, the wrong shape) gets the JSON error and writes nothing. Bodies over 1 MB
 * are refused on their size, before any parsing.
 */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class IngestBadInputTest extends StoreTest {
    /** The org the mixed batch goes to. */
    static final String ORG = "org-mixed";
    /** The same fixtures; it receives only the good events of the mixed batch: the expected outcome. */
    static final String CONTROL = "org-control";
    /** Another org: its group, member and message must not be reachable from ORG. */
    static final String OTHER = "org-other";
    static final int LIMIT = IngestFunction.MAX_BODY_BYTES;

    @Inject
    IngestFunction function;

    Instant t0;

    @BeforeEach
    void setUp() {
        t0 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        for (String org : List.of(ORG, CONTROL)) {
            fx.group(org, "east", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
            fx.group(org, "north", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
            fx.member(org, "li", "sales", List.of());
            fx.member(org, "wang", "sales", List.of());
            fx.member(org, "zhao", "sales", List.of());
        }
        // "west" and "outsider" exist only in the other org; it also has a message "bm1" of its own.
        fx.group(OTHER, "west", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
        fx.member(OTHER, "outsider", "sales", List.of());
        Map<String, Object> theirs = message("bm1", "outsider", t0, "另一个组织的消息");
        theirs.put("groupId", "west");
        APIGatewayV2HTTPResponse r = post(OTHER, batch(List.of(Api.json(theirs))));
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(1, Api.body(r).get("accepted").asInt(), r.getBody());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static String bot(String org) {
        return StoreResource.tokens().mint("bot", org, "connector", 600);
    }

    APIGatewayV2HTTPResponse post(String org, String body) {
        return function.ingest(Api.event(IngestFunction.EVENTS, Map.of("org", org), body, bot(org)));
    }

    APIGatewayV2HTTPResponse postBase64(String org, byte[] body) {
        APIGatewayV2HTTPEvent event = Api.event(IngestFunction.EVENTS, Map.of("org", org),
                Base64.getEncoder().encodeToString(body), bot(org));
        event.setIsBase64Encoded(true);
        return function.ingest(event);
    }

    JsonNode ok(String org, String body) {
        APIGatewayV2HTTPResponse r = post(org, body);
        assertEquals(200, r.getStatusCode(), () -> abbreviate(r.getBody()));
        return Api.body(r);
    }

    /** A batch from events already written as JSON text (so that a test may write JSON no mapper would). */
    static String batch(List<String> events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    Map<String, Object> message(String id, String user, Instant at, String text) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "message");
        e.put("messageId", id);
        e.put("groupId", "east");
        e.put("userId", user);
        e.put("at", at.atOffset(ZoneOffset.ofHours(8)).toString());
        e.put("text", text);
        return e;
    }

    Map<String, Object> about(String type, String id, String user, Instant at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", type);
        e.put("messageId", id);
        e.put("groupId", "east");
        e.put("userId", user);
        e.put("at", at.toString());
        return e;
    }

    /** A valid message (it would be kept), spoiled by {@code change}. */
    String spoiled(String id, Consumer<Map<String, Object>> change) {
        Map<String, Object> e = message(id, "li", t0.plusSeconds(30), "本来是一条正常的消息");
        change.accept(e);
        return Api.json(e);
    }

    /** A valid message whose text is written into the JSON exactly as given (escapes included). */
    String withRawText(String id, String rawJsonText) {
        return Api.json(message(id, "li", t0.plusSeconds(30), "RAW-TEXT")).replace("\"RAW-TEXT\"",
                "\"" + rawJsonText + "\"");
    }

    static List<Object> withNull(Object... values) {
        List<Object> list = new ArrayList<>(Arrays.asList(values));
        list.add(null);
        return list;
    }

    /** One malformed or hostile event: its JSON, and a phrase its reason must contain. */
    record Bad(String name, String json, String reason) {
    }

    /** The good events of the mixed batch, in order (some refer to messages earlier in the batch). */
    List<String> goodEvents() {
        List<String> good = new ArrayList<>();
        good.add(Api.json(message("g1", "li", t0, "【客户反馈】华东区客户反映报价太慢")));
        good.add(Api.json(message("g2", "wang", t0.plusSeconds(10), "#求助 合同模板在哪里")));
        good.add(Api.json(message("g3", "zhao", t0.plusSeconds(20), "初稿")));
        good.add(Api.json(message("g4", "li", t0.plusSeconds(30), "发错群了")));
        Map<String, Object> reply = message("g5", "wang", t0.plusSeconds(40), "@li 我来跟进");
        reply.put("replyTo", "g1");
        reply.put("mentions", List.of("li", "li", "zhao"));
        good.add(Api.json(reply));
        Map<String, Object> like = about("reaction_added", "g1", "wang", t0.plusSeconds(50));
        like.put("reaction", "thumbsup");
        good.add(Api.json(like));
        Map<String, Object> edit = about("edited", "g3", "zhao", t0.plusSeconds(60));
        edit.put("text", "【案例分享】终稿");
        good.add(Api.json(edit));
        good.add(Api.json(about("deleted", "g4", "li", t0.plusSeconds(70))));
        Map<String, Object> feishu = message("om_dc13264520392913993dd051dba21dcf", "zhao", t0.plusSeconds(80),
                "飞书来的消息");
        feishu.put("platform", "feishu");
        good.add(Api.json(feishu));
        Map<String, Object> north = message("g6", "li", t0.plusSeconds(90), "北区群的消息");
        north.put("groupId", "north");
        good.add(Api.json(north));
        Map<String, Object> nullText = message("g7", "wang", t0.plusSeconds(100), null);
        good.add(Api.json(nullText));
        good.add(Api.json(message("g8", "zhao", t0.plusSeconds(110), "收到，谢谢\n第二行\t制表")));
        good.add(Api.json(message("g9", "li", t0.plusSeconds(120), "emoji 👍🏽 and 𠀀 ok")));
        // Four minutes ahead is clock skew, and 89 days old is inside the retention window: both kept.
        good.add(Api.json(message("g10", "wang", Instant.now().plus(Duration.ofMinutes(4)), "快了几分钟的时钟")));
        good.add(Api.json(message("g11", "zhao", Instant.now().minus(Duration.ofDays(89)), "89 天前")));
        Map<String, Object> removed = about("removed_by_admin", "g2", "li", t0.plusSeconds(130));
        good.add(Api.json(removed));
        return good;
    }

    /** At least thirty distinct ways an event is wrong; each must be refused with its own reason. */
    List<Bad> badEvents() {
        String longId = "x".repeat(65);
        List<String> fiftyOne = IntStream.range(0, 51).mapToObj(i -> "m" + i).toList();
        List<String> tenThousand = IntStream.range(0, 10_000).mapToObj(i -> "m" + i).toList();
        List<Bad> bad = new ArrayList<>();
        // ---- wrong JSON types, field by field ----
        bad.add(new Bad("type as a number", spoiled("b1", e -> e.put("type", 1)), "wrong type at 'type'"));
        bad.add(new Bad("type as an array", spoiled("b2", e -> e.put("type", List.of("message"))),
                "wrong type at 'type'"));
        bad.add(new Bad("platform as a boolean", spoiled("b3", e -> e.put("platform", true)),
                "wrong type at 'platform'"));
        bad.add(new Bad("messageId as a number", spoiled("b4", e -> e.put("messageId", 42)),
                "wrong type at 'messageId'"));
        bad.add(new Bad("groupId as an object", spoiled("b5", e -> e.put("groupId", Map.of("id", "east"))),
                "wrong type at 'groupId'"));
        bad.add(new Bad("userId as a boolean", spoiled("b6", e -> e.put("userId", false)), "wrong type at 'userId'"));
        bad.add(new Bad("at as epoch seconds", spoiled("b7", e -> e.put("at", t0.getEpochSecond())),
                "wrong type at 'at'"));
        bad.add(new Bad("text as a number", spoiled("b8", e -> e.put("text", 3.14)), "wrong type at 'text'"));
        bad.add(new Bad("text as an object", spoiled("b9", e -> e.put("text", Map.of("zh", "你好"))),
                "wrong type at 'text'"));
        bad.add(new Bad("replyTo as a number", spoiled("b10", e -> e.put("replyTo", 1)), "wrong type at 'replyTo'"));
        bad.add(new Bad("mentions as a string", spoiled("b11", e -> e.put("mentions", "wang")),
                "wrong type at 'mentions'"));
        bad.add(new Bad("mentions of numbers", spoiled("b12", e -> e.put("mentions", List.of(7))),
                "wrong type at 'mentions[0]'"));
        bad.add(new Bad("reaction as a number", spoiled("b13", e -> {
            e.put("type", "reaction_added");
            e.put("messageId", "g1");
            e.remove("text");
            e.put("reaction", 1);
        }), "wrong type at 'reaction'"));
        // ---- missing or unknown ----
        bad.add(new Bad("empty object", "{}", "type: is required"));
        bad.add(new Bad("missing type", spoiled("b14", e -> e.remove("type")), "type: is required"));
        bad.add(new Bad("type null", spoiled("b15", e -> e.put("type", null)), "type: is required"));
        bad.add(new Bad("missing at", spoiled("b16", e -> e.remove("at")), "at: is required"));
        bad.add(new Bad("missing userId", spoiled("b17", e -> e.remove("userId")), "userId: is required"));
        bad.add(new Bad("missing groupId", spoiled("b18", e -> e.remove("groupId")), "groupId: is required"));
        bad.add(new Bad("message without messageId", spoiled("x", e -> e.remove("messageId")),
                "messageId: is required"));
        bad.add(new Bad("unknown type", spoiled("b19", e -> e.put("type", "sticker")), "type: must be one of"));
        bad.add(new Bad("unknown field", spoiled("b20", e -> e.put("colour", "red")), "unknown field 'colour'"));
        bad.add(new Bad("a key attribute smuggled in", spoiled("b21", e -> e.put("PK", "ORG#" + OTHER)),
                "unknown field 'PK'"));
        bad.add(new Bad("a batch nested as an event", "{\"events\":[" + Api.json(message("b22", "li", t0, "x"))
                + "]}", "unknown field 'events'"));
        bad.add(new Bad("unknown platform", spoiled("b23", e -> e.put("platform", "wechat")),
                "platform: must be one of"));
        // ---- ids ----
        bad.add(new Bad("groupId with spaces", spoiled("b24", e -> e.put("groupId", "east team")),
                "groupId: must be 1-64 characters"));
        bad.add(new Bad("groupId with a key separator", spoiled("b25", e -> e.put("groupId", "east#SEAT#li")),
                "groupId: must be 1-64 characters"));
        bad.add(new Bad("userId of 65 characters", spoiled("b26", e -> e.put("userId", longId)),
                "userId: must be 1-64 characters"));
        bad.add(new Bad("userId empty", spoiled("b27", e -> e.put("userId", "")), "userId: must be 1-64 characters"));
        bad.add(new Bad("messageId with spaces", spoiled("b 28", e -> { }), "messageId: must be 1-128 characters"));
        bad.add(new Bad("messageId of 129 characters", spoiled("m".repeat(129), e -> { }),
                "messageId: must be 1-128 characters"));
        bad.add(new Bad("messageId with a key separator", spoiled("b29#MESSAGE", e -> { }),
                "messageId: must be 1-128 characters"));
        bad.add(new Bad("replyTo with spaces", spoiled("b30", e -> e.put("replyTo", "g 1")),
                "replyTo: must be 1-128 characters"));
        bad.add(new Bad("another org's group (exists only there)", spoiled("b31", e -> e.put("groupId", "west")),
                "group west is not a group of this org"));
        bad.add(new Bad("another org's member", spoiled("b32", e -> e.put("userId", "outsider")),
                "member outsider is not a member of this org"));
        bad.add(new Bad("a member of no org", spoiled("b33", e -> e.put("userId", "ghost")),
                "member ghost is not a member of this org"));
        bad.add(new Bad("another org's member joining", Api.json(Map.of("type", "member_joined", "groupId", "east",
                "userId", "outsider", "at", t0.toString())), "member outsider is not a member of this org"));
        // ---- time ----
        bad.add(new Bad("at without an offset", spoiled("b34", e -> e.put("at", "2026-11-27T09:30:00")),
                "at: must be an ISO-8601 time with an offset"));
        bad.add(new Bad("at garbage", spoiled("b35", e -> e.put("at", "yesterday")),
                "at: must be an ISO-8601 time with an offset"));
        bad.add(new Bad("at a date only", spoiled("b36", e -> e.put("at", "2026-11-27")),
                "at: must be an ISO-8601 time with an offset"));
        bad.add(new Bad("at an impossible date", spoiled("b37", e -> e.put("at", "2026-02-30T10:00:00+08:00")),
                "at: must be an ISO-8601 time with an offset"));
        bad.add(new Bad("at one year ahead", spoiled("b38", e -> e.put("at", Instant.now().plus(Duration.ofDays(365))
                .toString())), "at: is in the future"));
        bad.add(new Bad("at ten minutes ahead", spoiled("b39", e -> e.put("at",
                Instant.now().plus(Duration.ofMinutes(10)).toString())), "at: is in the future"));
        bad.add(new Bad("at the last representable year", spoiled("b40", e -> e.put("at",
                "+999999999-12-31T23:59:59+18:00")), "at: is in the future"));
        bad.add(new Bad("at 200 days old", spoiled("b41", e -> e.put("at",
                Instant.now().minus(Duration.ofDays(200)).toString())), "at: is older than the retention window"));
        bad.add(new Bad("at the first representable year", spoiled("b42", e -> e.put("at",
                "-999999999-01-01T00:00:00-18:00")), "at: is older than the retention window"));
        // ---- mentions ----
        bad.add(new Bad("51 mentions", spoiled("b43", e -> e.put("mentions", fiftyOne)),
                "mentions: must have at most 50 entries"));
        bad.add(new Bad("10,000 mentions", spoiled("b44", e -> e.put("mentions", tenThousand)),
                "mentions: must have at most 50 entries"));
        bad.add(new Bad("a mention with a bad id", spoiled("b45", e -> e.put("mentions", List.of("wang", "bad id"))),
                "mentions[1]: must be 1-64 characters"));
        bad.add(new Bad("a null mention", spoiled("b46", e -> e.put("mentions", withNull())),
                "mentions[0]: is required"));
        // ---- text ----
        bad.add(new Bad("text with a bell", spoiled("b47", e -> e.put("text", "叮\u0007咚")),
                "text: must not contain control characters"));
        bad.add(new Bad("text with NUL", spoiled("b48", e -> e.put("text", "a\u0000b")),
                "text: must not contain control characters"));
        bad.add(new Bad("text with an ANSI escape", spoiled("b49", e -> e.put("text", "\u001b[31mred")),
                "text: must not contain control characters"));
        bad.add(new Bad("text with a C1 control", spoiled("b50", e -> e.put("text", "next\u0085line")),
                "text: must not contain control characters"));
        bad.add(new Bad("text with an unpaired high surrogate escape", withRawText("b51", "abc\\ud800def"),
                "text: must be valid Unicode"));
        bad.add(new Bad("text with an unpaired low surrogate escape", withRawText("b52", "\\udc00"),
                "text: must be valid Unicode"));
        bad.add(new Bad("text with a reversed surrogate pair", withRawText("b53", "\\udc00\\ud800"),
                "text: must be valid Unicode"));
        // ---- reactions ----
        bad.add(new Bad("a reaction on a message", spoiled("b54", e -> e.put("reaction", "thumbsup")),
                "reaction: only reactions have one"));
        bad.add(new Bad("reaction_added without a reaction", Api.json(about("reaction_added", "g1", "wang",
                t0.plusSeconds(55))), "reaction: is required"));
        Map<String, Object> blank = about("reaction_removed", "g1", "wang", t0.plusSeconds(56));
        blank.put("reaction", "  ");
        bad.add(new Bad("a blank reaction", Api.json(blank), "reaction: must not be blank"));
        Map<String, Object> longReaction = about("reaction_added", "g1", "wang", t0.plusSeconds(57));
        longReaction.put("reaction", "r".repeat(65));
        bad.add(new Bad("a reaction of 65 characters", Api.json(longReaction), "reaction: must be at most 64"));
        // ---- about messages that are not here ----
        Map<String, Object> edit = about("edited", "nope1", "li", t0.plusSeconds(60));
        edit.put("text", "编辑一条不存在的消息");
        bad.add(new Bad("an edit of an unknown message", Api.json(edit), "message nope1 is not known here"));
        bad.add(new Bad("a deletion of an unknown message", Api.json(about("deleted", "nope2", "li",
                t0.plusSeconds(60))), "message nope2 is not known here"));
        Map<String, Object> like = about("reaction_added", "nope3", "wang", t0.plusSeconds(60));
        like.put("reaction", "heart");
        bad.add(new Bad("a reaction to an unknown message", Api.json(like), "message nope3 is not known here"));
        bad.add(new Bad("a removal of another org's message", Api.json(about("removed_by_admin", "bm1", "li",
                t0.plusSeconds(60))), "message bm1 is not known here"));
        Map<String, Object> move = about("edited", "g2", "wang", t0.plusSeconds(61));
        move.put("groupId", "north");
        move.put("text", "搬到另一个群");
        bad.add(new Bad("an edit that moves a message to another group", Api.json(move),
                "message g2 belongs to another group"));
        // ---- not an object at all ----
        bad.add(new Bad("an array", "[" + Api.json(message("b55", "li", t0, "x")) + "]",
                "an event must be a JSON object"));
        bad.add(new Bad("a string", "\"message\"", "an event must be a JSON object"));
        bad.add(new Bad("a number", "42", "an event must be a JSON object"));
        bad.add(new Bad("a boolean", "true", "an event must be a JSON object"));
        bad.add(new Bad("null", "null", "an event must be a JSON object"));
        return bad;
    }

    /** Every item of one org (its partitions all start with ORG#org), with the org's name taken out. */
    List<String> itemsOf(String org) {
        List<String> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        String pk = Keys.org(org);
        do {
            var r = client.scan(ScanRequest.builder().tableName(table.name()).exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : r.items()) {
                String p = item.get(Keys.PK).s();
                if (p.equals(pk) || p.startsWith(pk + "#")) {
                    items.add(new TreeMap<>(item).toString().replace(org, "<org>"));
                }
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        items.sort(null);
        return items;
    }

    static String abbreviate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
    }

    // ----------------------------------------------------------------------------------------- the mixed batch

    @Test
    void badEventsInABatchAreRefusedOneByOneAndTheGoodOnesKeptAsIfAlone() {
        List<String> good = goodEvents();
        List<Bad> bad = badEvents();
        assertTrue(bad.size() >= 30, "at least thirty bad events: " + bad.size());
        assertEquals(bad.size(), bad.stream().map(Bad::name).distinct().count(), "each case once");

        // Good and bad interleaved: a good one, then up to four bad ones, and so on.
        List<String> events = new ArrayList<>();
        Map<Integer, Bad> badAt = new HashMap<>();
        Iterator<String> g = good.iterator();
        Iterator<Bad> b = bad.iterator();
        while (g.hasNext() || b.hasNext()) {
            if (g.hasNext()) {
                events.add(g.next());
            }
            for (int i = 0; i < 4 && b.hasNext(); i++) {
                Bad next = b.next();
                badAt.put(events.size(), next);
                events.add(next.json());
            }
        }
        assertTrue(events.size() <= Delivery.MAX_EVENTS, "one batch: " + events.size());
        String mixed = batch(events);
        assertTrue(mixed.getBytes(StandardCharsets.UTF_8).length < LIMIT);

        String otherBefore = String.join("\n", itemsOf(OTHER));
        int allBefore = fx.allItems();
        int orgBefore = itemsOf(ORG).size();
        int controlBefore = itemsOf(CONTROL).size();
        JsonNode answer = ok(ORG, mixed);

        assertEquals(good.size(), answer.get("accepted").asInt(), answer.toString());
        assertEquals(0, answer.get("duplicates").asInt(), answer.toString());
        assertEquals(0, answer.get("ignored").asInt(), answer.toString());
        JsonNode rejected = answer.get("rejected");
        Set<Integer> seen = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode r : rejected) {
            int index = r.get("index").asInt();
            String reason = r.get("reason").asText();
            assertTrue(seen.add(index), "index " + index + " rejected twice: " + answer);
            Bad expected = badAt.get(index);
            if (expected == null) {
                problems.add("good event " + index + " was rejected: " + reason + " -- " + events.get(index));
            } else if (reason.isBlank() || !reason.contains(expected.reason())) {
                problems.add(expected.name() + " (index " + index + "): reason '" + reason + "' does not say '"
                        + expected.reason() + "'");
            } else if (reason.length() > 400) {
                problems.add(expected.name() + ": the reason echoes the input (" + reason.length() + " chars)");
            }
        }
        for (Map.Entry<Integer, Bad> e : badAt.entrySet()) {
            if (!seen.contains(e.getKey())) {
                problems.add(e.getValue().name() + " (index " + e.getKey() + ") was not rejected");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(bad.size(), rejected.size());

        // The same good events alone, in an org with the same fixtures: the table must end up the same.
        JsonNode alone = ok(CONTROL, batch(good));
        assertEquals(good.size(), alone.get("accepted").asInt(), alone.toString());
        assertEquals(0, alone.get("rejected").size(), alone.toString());
        assertEquals(String.join("\n", itemsOf(CONTROL)), String.join("\n", itemsOf(ORG)),
                "the bad events left no trace among the good ones");
        assertEquals(otherBefore, String.join("\n", itemsOf(OTHER)), "the other org is untouched");
        assertEquals(fx.allItems() - allBefore, (itemsOf(ORG).size() - orgBefore)
                + (itemsOf(CONTROL).size() - controlBefore), "nothing written anywhere else");

        // And item by item: the good messages are there, no bad one is.
        for (String id : List.of("g1", "g3", "g5", "g6", "g7", "g8", "g9", "g10", "g11")) {
            assertTrue(table.get(Keys.message(ORG, "api", id)).isPresent(), id);
        }
        assertEquals("【案例分享】终稿", Attrs.str(table.get(Keys.message(ORG, "api", "g3")).orElseThrow(), "text"));
        assertEquals(List.of("wang thumbsup"), table.get(Keys.message(ORG, "api", "g1")).orElseThrow()
                .get("reactions").ss());
        assertEquals(List.of("li", "zhao"), Attrs.strings(table.get(Keys.message(ORG, "api", "g5")).orElseThrow(),
                "mentions"));
        for (int i = 1; i <= 55; i++) {
            assertFalse(table.get(Keys.message(ORG, "api", "b" + i)).isPresent(), "b" + i);
        }
        assertFalse(table.get(Keys.message(ORG, "api", "bm1")).isPresent());
        assertFalse(table.get(Keys.group(ORG, "west")).isPresent());
        assertFalse(table.get(Keys.memberActivity(ORG, "outsider")).isPresent());
        assertFalse(table.get(Keys.groupActivity(ORG, "west")).isPresent());
        assertEquals(1L, Attrs.num(table.get(Keys.memberActivity(OTHER, "outsider")).orElseThrow(), "messages"));
    }

    @Test
    void theSameBatchAgainIsAllDuplicatesAndTheSameRefusals() {
        List<String> events = new ArrayList<>(goodEvents());
        List<Bad> bad = badEvents();
        bad.stream().map(Bad::json).forEach(events::add);
        JsonNode first = ok(ORG, batch(events));
        String after = fx.snapshot();
        JsonNode again = ok(ORG, batch(events));
        assertEquals(0, again.get("accepted").asInt(), again.toString());
        assertEquals(goodEvents().size(), again.get("duplicates").asInt(), again.toString());
        assertEquals(first.get("rejected").size(), again.get("rejected").size());
        assertEquals(after, fx.snapshot(), "a redelivery changes nothing");
    }

    // --------------------------------------------------------------------------------------------- huge text

    @Test
    void hugeTextIsKeptTruncatedToFourThousandCodePointsAndFlagged() {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("ascii", "x".repeat(100_000));
        texts.put("cjk", "长".repeat(100_000));
        texts.put("emoji", "😀".repeat(50_000)); // 100,000 chars, 50,000 code points
        texts.put("exactly", "字".repeat(3_999) + "😀"); // 4,000 code points, 4,001 chars: not too long
        texts.put("one-over", "字".repeat(4_000) + "😀");
        List<String> events = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> e : texts.entrySet()) {
            events.add(Api.json(message(e.getKey(), "li", t0.plusSeconds(i++), e.getValue())));
        }
        JsonNode answer = ok(ORG, batch(events));
        assertEquals(texts.size(), answer.get("accepted").asInt(), answer.toString());
        assertEquals(0, answer.get("rejected").size(), answer.toString());
        for (Map.Entry<String, String> e : texts.entrySet()) {
            Map<String, AttributeValue> m = table.get(Keys.message(ORG, "api", e.getKey())).orElseThrow();
            String kept = Attrs.str(m, "text");
            assertEquals(4_000, kept.codePointCount(0, kept.length()), e.getKey());
            assertTrue(e.getValue().startsWith(kept), e.getKey());
            assertEquals(!e.getKey().equals("exactly"), m.get("truncated").bool(), e.getKey());
        }
        assertEquals(8_000, Attrs.str(table.get(Keys.message(ORG, "api", "emoji")).orElseThrow(), "text").length(),
                "no surrogate pair is cut in half");
        assertEquals(texts.size(), Attrs.num(table.get(Keys.memberActivity(ORG, "li")).orElseThrow(), "messages"));
    }

    // ---------------------------------------------------------------------------------------- batch of 101

    @Test
    void aBatchOf101IsRefusedWholeAndAHundredIsKept() {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            events.add(Api.json(message("n" + i, List.of("li", "wang", "zhao").get(i % 3), t0.plusSeconds(i),
                    "第 " + i + " 条")));
        }
        String before = fx.snapshot();
        APIGatewayV2HTTPResponse r = post(ORG, batch(events));
        assertError(r, 413, "PAYLOAD_TOO_LARGE");
        assertTrue(Api.body(r).get("message").asText().contains("100"), r.getBody());
        assertEquals(before, fx.snapshot(), "nothing of a refused batch is kept");

        // The control: the first hundred of them are one batch.
        JsonNode answer = ok(ORG, batch(events.subList(0, 100)));
        assertEquals(100, answer.get("accepted").asInt(), answer.toString());
        assertEquals(100, Attrs.num(table.get(Keys.groupActivity(ORG, "east")).orElseThrow(), "messages"));
        assertFalse(table.get(Keys.message(ORG, "api", "n100")).isPresent());
    }

    // -------------------------------------------------------------------------------------- the body as such

    /** A valid batch of one message, padded with JSON whitespace to exactly {@code size} bytes. */
    String paddedBatch(String id, int size) {
        String body = batch(List.of(Api.json(message(id, "li", t0, "刚好一兆"))));
        int pad = size - body.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(pad >= 0);
        return "{" + " ".repeat(pad) + body.substring(1);
    }

    @Test
    void aBodyOfExactlyOneMegabyteIsReadAndOneByteMoreIsNot() {
        String exact = paddedBatch("exact", LIMIT);
        assertEquals(LIMIT, exact.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(1, ok(ORG, exact).get("accepted").asInt());

        String exactBase64 = paddedBatch("exact64", LIMIT);
        APIGatewayV2HTTPResponse r = postBase64(ORG, exactBase64.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.getStatusCode(), abbreviate(r.getBody()));
        assertEquals(1, Api.body(r).get("accepted").asInt());

        String before = fx.snapshot();
        String over = paddedBatch("over", LIMIT + 1);
        assertError(post(ORG, over), 413, "PAYLOAD_TOO_LARGE");
        assertError(postBase64(ORG, paddedBatch("over64", LIMIT + 1).getBytes(StandardCharsets.UTF_8)), 413,
                "PAYLOAD_TOO_LARGE");
        assertEquals(before, fx.snapshot());
        assertFalse(table.get(Keys.message(ORG, "api", "over")).isPresent());
    }

    static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    static byte[] badUtf8Batch(byte... bad) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] head = ("{\"events\":[{\"type\":\"message\",\"messageId\":\"u1\",\"groupId\":\"east\",\"userId\":\"li\","
                + "\"at\":\"" + Instant.now().minusSeconds(60) + "\",\"text\":\"ab").getBytes(StandardCharsets.UTF_8);
        out.writeBytes(head);
        out.writeBytes(bad);
        out.writeBytes("cd\"}]}".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** name, body, base64 bytes (instead of the body), status, code. */
    static Stream<Arguments> bodies() {
        String oneEvent = "{\"type\":\"message\",\"messageId\":\"w1\",\"groupId\":\"east\",\"userId\":\"li\",\"at\":\""
                + Instant.now().minusSeconds(600) + "\",\"text\":\"ok\"}";
        return Stream.of(
                // ---- too large, refused before parsing ----
                Arguments.of("1 MB + 1 byte, not JSON", "{" + "x".repeat(LIMIT), null, 413, "PAYLOAD_TOO_LARGE"),
                Arguments.of("1 MB + 1 byte of a valid-looking batch cut short", "{\"events\":[" + oneEvent + ","
                        + "\"" + "y".repeat(LIMIT), null, 413, "PAYLOAD_TOO_LARGE"),
                Arguments.of("under 1 MB in characters, over in UTF-8 bytes", "\"" + "长".repeat(LIMIT / 3 + 1),
                        null, 413, "PAYLOAD_TOO_LARGE"),
                Arguments.of("10 MB of garbage", "{".repeat(10 * LIMIT), null, 413, "PAYLOAD_TOO_LARGE"),
                Arguments.of("base64: 1 MB + 1 byte, not JSON nor UTF-8", null, randomBytes(LIMIT + 1), 413,
                        "PAYLOAD_TOO_LARGE"),
                Arguments.of("base64: 1 MB + 1 byte of braces", null,
                        "[".repeat(LIMIT + 1).getBytes(StandardCharsets.UTF_8), 413, "PAYLOAD_TOO_LARGE"),
                Arguments.of("base64: 3 MB", null, new byte[3 * LIMIT], 413, "PAYLOAD_TOO_LARGE"),
                // ---- not one JSON value ----
                Arguments.of("empty body", "", null, 400, "MALFORMED_REQUEST"),
                Arguments.of("no body", null, null, 400, "MALFORMED_REQUEST"),
                Arguments.of("whitespace only", "  \n ", null, 400, "MALFORMED_REQUEST"),
                Arguments.of("an open brace", "{", null, 400, "MALFORMED_REQUEST"),
                Arguments.of("not JSON", "events=1", null, 400, "MALFORMED_REQUEST"),
                Arguments.of("JSON null", "null", null, 400, "MALFORMED_REQUEST"),
                Arguments.of("trailing data", "{\"events\":[" + oneEvent + "]} {}", null, 400, "MALFORMED_REQUEST"),
                Arguments.of("trailing comma", "{\"events\":[" + oneEvent + ",]}", null, 400, "MALFORMED_REQUEST"),
                Arguments.of("duplicate key at the top", "{\"events\":[" + oneEvent + "],\"events\":[" + oneEvent
                        + "]}", null, 400, "MALFORMED_REQUEST"),
                Arguments.of("duplicate key in an event", "{\"events\":[" + oneEvent.replace("{\"type\":\"message\",",
                        "{\"type\":\"message\",\"type\":\"deleted\",") + "]}", null, 400, "MALFORMED_REQUEST"),
                Arguments.of("NaN", "{\"events\":[" + oneEvent.replace("\"ok\"", "NaN") + "]}", null, 400,
                        "MALFORMED_REQUEST"),
                Arguments.of("single quotes", "{'events':[]}", null, 400, "MALFORMED_REQUEST"),
                Arguments.of("nested 5,000 deep", "{\"events\":[" + "[".repeat(5_000) + "]".repeat(5_000) + "]}",
                        null, 400, "MALFORMED_REQUEST"),
                Arguments.of("a number of 5,000 digits", "{\"events\":[" + oneEvent.replace("\"ok\"",
                        "1".repeat(5_000)) + "]}", null, 400, "MALFORMED_REQUEST"),
                Arguments.of("a comment", "{\"events\":[" + oneEvent + "] /* hi */}", null, 400, "MALFORMED_REQUEST"),
                Arguments.of("base64: not base64", "not base64!", null, 400, "MALFORMED_REQUEST"),
                Arguments.of("base64: invalid UTF-8 byte 0xFF", null, badUtf8Batch((byte) 0xFF), 400,
                        "MALFORMED_REQUEST"),
                Arguments.of("base64: a lone continuation byte", null, badUtf8Batch((byte) 0x80), 400,
                        "MALFORMED_REQUEST"),
                Arguments.of("base64: a truncated sequence", null, badUtf8Batch((byte) 0xE4, (byte) 0xB8), 400,
                        "MALFORMED_REQUEST"),
                Arguments.of("base64: invalid UTF-8 outside strings", null, new byte[] {'{', (byte) 0xFE, '}'}, 400,
                        "MALFORMED_REQUEST"),
                // ---- JSON, but not a batch ----
                Arguments.of("events an object", "{\"events\":{}}", null, 422, "INVALID_INPUT"),
                Arguments.of("events empty", "{\"events\":[]}", null, 422, "INVALID_INPUT"),
                Arguments.of("events null", "{\"events\":null}", null, 422, "INVALID_INPUT"),
                Arguments.of("events a string", "{\"events\":\"[]\"}", null, 422, "INVALID_INPUT"),
                Arguments.of("an extra field beside events", "{\"events\":[" + oneEvent + "],\"extra\":1}", null, 422,
                        "INVALID_INPUT"),
                Arguments.of("an empty array", "[]", null, 422, "INVALID_INPUT"),
                Arguments.of("an array of events", "[" + oneEvent + "]", null, 422, "INVALID_INPUT"),
                Arguments.of("an unknown object", "{\"foo\":1}", null, 422, "INVALID_INPUT"),
                Arguments.of("an empty object", "{}", null, 422, "INVALID_INPUT"),
                Arguments.of("one event without the batch", oneEvent, null, 422, "INVALID_INPUT"),
                Arguments.of("a string", "\"events\"", null, 422, "INVALID_INPUT"),
                Arguments.of("a number", "100", null, 422, "INVALID_INPUT"),
                Arguments.of("base64: an empty array", null, "[]".getBytes(StandardCharsets.UTF_8), 422,
                        "INVALID_INPUT"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("bodies")
    void aBodyThatIsNotABatchGetsTheJsonErrorAndWritesNothing(String name, String body, byte[] base64, int status,
            String code) {
        String before = fx.snapshot();
        APIGatewayV2HTTPResponse r;
        if (base64 != null) {
            r = postBase64(ORG, base64);
        } else if (name.startsWith("base64: ")) {
            APIGatewayV2HTTPEvent event = Api.event(IngestFunction.EVENTS, Map.of("org", ORG), body, bot(ORG));
            event.setIsBase64Encoded(true);
            r = function.ingest(event);
        } else {
            r = post(ORG, body);
        }
        assertError(r, status, code);
        if (status == 413) {
            assertTrue(Api.body(r).get("message").asText().contains(String.valueOf(LIMIT)), r.getBody());
        }
        assertEquals(before, fx.snapshot(), "nothing written");
    }

    /**
     * Byte sequences that are not UTF-8 but that the JSON parser decodes anyway (an overlong NUL, a code point
     * beyond U+10FFFF) or refuses (an encoded surrogate): either the body is refused, or the event is refused for
     * what it decoded to. Either way nothing is kept.
     */
    static Stream<Arguments> laxUtf8() {
        return Stream.of(
                Arguments.of("overlong NUL (C0 80)", new byte[] {(byte) 0xC0, (byte) 0x80}),
                Arguments.of("overlong NUL in three bytes (E0 80 80)", new byte[] {(byte) 0xE0, (byte) 0x80,
                        (byte) 0x80}),
                Arguments.of("an encoded surrogate (ED A0 80)", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                Arguments.of("beyond U+10FFFF (F4 90 80 80)", new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80,
                        (byte) 0x80}),
                Arguments.of("five bytes (F8 88 80 80 80)", new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80,
                        (byte) 0x80, (byte) 0x80}));
    }

    @ParameterizedTest(name = "{0}: refused, nothing kept")
    @MethodSource("laxUtf8")
    void textThatIsNotUtf8IsNeverKept(String name, byte[] bad) {
        String before = fx.snapshot();
        APIGatewayV2HTTPResponse r = postBase64(ORG, badUtf8Batch(bad));
        if (r.getStatusCode() == 200) {
            JsonNode answer = Api.body(r);
            assertEquals(0, answer.get("accepted").asInt(), r.getBody());
            assertEquals(1, answer.get("rejected").size(), r.getBody());
            assertTrue(answer.get("rejected").get(0).get("reason").asText().startsWith("invalid values: [text: "),
                    r.getBody());
        } else {
            assertError(r, 400, "MALFORMED_REQUEST");
        }
        assertEquals(before, fx.snapshot(), "nothing written");
        assertFalse(table.get(Keys.message(ORG, "api", "u1")).isPresent());
    }

    /** Jackson's UTF-8 decoder alone would accept overlong encodings and keep "ab" C0 AF "cd" as "ab/cd". */
    @Test
    void anOverlongUtf8EncodingIsRefused() {
        String before = fx.snapshot();
        assertError(postBase64(ORG, badUtf8Batch((byte) 0xC0, (byte) 0xAF)), 400, "MALFORMED_REQUEST");
        assertEquals(before, fx.snapshot());
    }

    /** A 40 KB field name is not answered back whole. */
    @Test
    void anUnknownFieldIsNamedButNotEchoedWhole() {
        String name = "f".repeat(40_000); // under the parser's 50,000-character limit on names
        assertError(post(ORG, "{\"events\":[{\"type\":\"message\"}],\"" + name + "\":1}"), 422, "INVALID_INPUT");
        JsonNode answer = ok(ORG, "{\"events\":[{\"" + name + "\":1}]}");
        assertTrue(answer.get("rejected").get(0).get("reason").asText().length() < 400, "echoed whole");
    }

    /** The one error shape, short, and never an echo of the input. */
    static void assertError(APIGatewayV2HTTPResponse r, int status, String code) {
        assertEquals(status, r.getStatusCode(), () -> abbreviate(r.getBody()));
        assertEquals("application/json; charset=utf-8", r.getHeaders().get("Content-Type"));
        JsonNode body = Api.body(r);
        assertEquals(code, body.path("error").asText(), r.getBody());
        assertTrue(body.path("message").isTextual() && body.get("message").asText().length() > 5, r.getBody());
        Set<String> fields = new HashSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("error", "message"), fields, r.getBody());
        assertTrue(r.getBody().length() < 1024, "the error does not echo the input back");
    }
}
