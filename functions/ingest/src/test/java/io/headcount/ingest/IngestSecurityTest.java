package io.headcount.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.adapters.Write;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OverflowMode;
import io.headcount.ingest.platform.Signatures;
import io.headcount.testing.Api;
import io.headcount.testing.HostileTokens;
import io.headcount.testing.HostileTokens.TokenSource;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Who may post events: a bad token is 401, a good token of another role or org is 403 whatever the body, and
 * none of them writes anything; the org's bot and admins may (the control). An event never reaches another org's
 * records, and a native payload must carry the platform's proof when the org has configured one.
 */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class IngestSecurityTest extends StoreTest {
    static final String ORG = "sec";
    static final String OTHER = "other";
    static final String CHANNEL = "C024BE91L";
    static final String SLACK_USER = "U2147483697";
    static final String FEISHU_CHAT = "oc_5ad11d72b830411d72b836c20";
    static final String FEISHU_USER = "ou_84aad35d084aa403a838cf73ee18467";
    static final String FEISHU_TOKEN = "rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV";

    @Inject
    IngestFunction function;

    Instant t0;

    @BeforeEach
    void setUp() {
        t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        fx.group(ORG, "east", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
        fx.groupOnChat(ORG, "chat", 15, CHANNEL);
        fx.groupOnChat(ORG, "feishu-chat", 15, FEISHU_CHAT);
        fx.memberOnPlatforms(ORG, "li", Map.of("slack", SLACK_USER, "feishu", FEISHU_USER));
        fx.member(ORG, "wang", "sales", List.of());
        // The other org has a group of the same id, one of its own, the same Slack channel and a member "li".
        fx.group(OTHER, "east", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
        fx.group(OTHER, "west", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
        fx.groupOnChat(OTHER, "their-chat", 15, CHANNEL);
        fx.memberOnPlatforms(OTHER, "li", Map.of("slack", SLACK_USER));
        fx.member(OTHER, "outsider", "sales", List.of());
        String theirs = batch(message("bm1", "outsider", "west", t0, "别人的消息"));
        assertEquals(200, function.ingest(Api.event(IngestFunction.EVENTS, Map.of("org", OTHER), theirs,
                StoreResource.tokens().mint("bot", OTHER, "connector", 600))).getStatusCode());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static Map<String, Object> message(String id, String user, String group, Instant at, String text) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "message");
        e.put("messageId", id);
        e.put("groupId", group);
        e.put("userId", user);
        e.put("at", at.toString());
        e.put("text", text);
        return e;
    }

    @SafeVarargs
    static String batch(Map<String, Object>... events) {
        return Api.json(Map.of("events", List.of(events)));
    }

    /** A batch that would be kept: one message of li in east. */
    String validBatch() {
        return batch(message("m1", "li", "east", t0, "【客户反馈】报价太慢"));
    }

    String slackPayload(String text) {
        long ts = t0.getEpochSecond();
        return "{\"token\":\"z\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\","
                + "\"event_id\":\"Ev1\",\"event_time\":" + ts + ",\"event\":{\"type\":\"message\",\"channel\":\""
                + CHANNEL + "\",\"user\":\"" + SLACK_USER + "\",\"text\":\"" + text + "\",\"ts\":\"" + ts
                + ".000200\",\"channel_type\":\"channel\"}}";
    }

    String feishuPayload(String token) {
        return "{\"schema\":\"2.0\",\"header\":{\"event_id\":\"f7984f25108f8137722bb63cee927e66\",\"event_type\":"
                + "\"im.message.receive_v1\",\"create_time\":\"" + t0.toEpochMilli() + "\","
                + (token == null ? "" : "\"token\":\"" + token + "\",")
                + "\"app_id\":\"cli_9f5343c580712544\",\"tenant_key\":\"2ca1d211f64f6438\"},\"event\":{\"sender\":"
                + "{\"sender_id\":{\"open_id\":\"" + FEISHU_USER + "\"},\"sender_type\":\"user\"},\"message\":{"
                + "\"message_id\":\"om_3a8b2e0d5f1c4e9a8d7b6c5a4f3e2d1c\",\"create_time\":\"" + t0.toEpochMilli()
                + "\",\"chat_id\":\"" + FEISHU_CHAT + "\",\"chat_type\":\"group\",\"message_type\":\"text\","
                + "\"content\":\"{\\\"text\\\": \\\"[求助] 模板在哪里下载？\\\"}\"}}}";
    }

    String hundredAndOne() {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            events.add(message("n" + i, "li", "east", t0.plusSeconds(i), "第 " + i + " 条"));
        }
        return Api.json(Map.of("events", events));
    }

    /** name, body, base64: bodies of every kind, each of which an outsider must be refused before it is read. */
    List<Object[]> bodies() {
        return List.of(
                new Object[] {"valid batch", validBatch(), false},
                new Object[] {"slack payload", slackPayload("你好"), false},
                new Object[] {"feishu payload", feishuPayload(FEISHU_TOKEN), false},
                new Object[] {"slack url_verification", "{\"token\":\"t\",\"challenge\":\"c\","
                        + "\"type\":\"url_verification\"}", false},
                new Object[] {"another org's group", batch(message("m2", "outsider", "west", t0, "x")), false},
                new Object[] {"malformed", "{", false},
                new Object[] {"empty", "", false},
                new Object[] {"no body", null, false},
                new Object[] {"not a batch", "[]", false},
                new Object[] {"101 events", hundredAndOne(), false},
                new Object[] {"over 1 MB", "{" + "x".repeat(IngestFunction.MAX_BODY_BYTES), false},
                new Object[] {"not base64", "!!!", true});
    }

    APIGatewayV2HTTPResponse post(String org, Object[] body, String token) {
        APIGatewayV2HTTPEvent event = Api.event(IngestFunction.EVENTS, Map.of("org", org), (String) body[1], token);
        event.setIsBase64Encoded((Boolean) body[2]);
        return function.ingest(event);
    }

    APIGatewayV2HTTPResponse post(String org, String body, String token) {
        return function.ingest(Api.event(IngestFunction.EVENTS, Map.of("org", org), body, token));
    }

    /** Every item of one org, sorted (the other orgs' items are not in it). */
    List<String> itemsOf(String org) {
        List<String> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        String pk = Keys.org(org);
        do {
            var r = client.scan(ScanRequest.builder().tableName(table.name()).exclusiveStartKey(start).build());
            for (Map<String, AttributeValue> item : r.items()) {
                String p = item.get(Keys.PK).s();
                if (p.equals(pk) || p.startsWith(pk + "#")) {
                    items.add(new TreeMap<>(item).toString());
                }
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        items.sort(null);
        return items;
    }

    static void assertError(APIGatewayV2HTTPResponse r, int status, String code, Object what) {
        assertEquals(status, r.getStatusCode(), what + ": " + r.getBody());
        assertEquals("application/json; charset=utf-8", r.getHeaders().get("Content-Type"));
        JsonNode body = Api.body(r);
        assertEquals(code, body.get("error").asText(), what + ": " + r.getBody());
        assertTrue(body.hasNonNull("message"), what + ": " + r.getBody());
        assertFalse(r.getBody().contains("accepted") || r.getBody().contains("challenge")
                || r.getBody().contains("客户"), "no answer of the route leaks: " + r.getBody());
    }

    // ------------------------------------------------------------------------------------------------ 401

    static Stream<Arguments> unauthenticated() {
        return HostileTokens.unauthenticated(ORG, "bot", "connector");
    }

    @ParameterizedTest(name = "{0} -> 401")
    @MethodSource("unauthenticated")
    void badTokensAre401AndWriteNothing(String name, TokenSource token) throws Exception {
        String before = fx.snapshot();
        String t = token.get();
        for (Object[] body : bodies()) {
            assertError(post(ORG, body, t), 401, "UNAUTHORIZED", body[0]);
        }
        assertEquals(before, fx.snapshot(), "nothing written");
    }

    @Test
    void aBearerSchemeIsRequired() {
        String good = StoreResource.tokens().mint("bot", ORG, "connector", 600);
        String before = fx.snapshot();
        for (String header : List.of("Basic " + good, good, "Token " + good, "Bearer", "Bearer  ", "bearer" + good)) {
            APIGatewayV2HTTPEvent event = Api.event(IngestFunction.EVENTS, Map.of("org", ORG), validBatch(), null);
            event.getHeaders().put("authorization", header);
            assertError(function.ingest(event), 401, "UNAUTHORIZED", header);
        }
        assertEquals(before, fx.snapshot());
    }

    // ------------------------------------------------------------------------------------------------ 403

    static Stream<Arguments> forbidden() {
        return Stream.of(
                Arguments.of("member", "member", ORG, "li"),
                Arguments.of("group-admin", "group-admin", ORG, "li"),
                Arguments.of("no known role", "guest", ORG, "connector"),
                Arguments.of("bot of another org", "bot", OTHER, "connector"),
                Arguments.of("admin of another org", "admin", OTHER, "boss"),
                Arguments.of("member of another org with the same subject", "member", OTHER, "li"));
    }

    @ParameterizedTest(name = "{0} -> 403 whatever the body")
    @MethodSource("forbidden")
    void wrongRoleOrOrgIs403WhateverTheBodyAndWritesNothing(String name, String role, String tokenOrg,
            String subject) {
        String token = StoreResource.tokens().mint(role, tokenOrg, subject, 600);
        String before = fx.snapshot();
        for (Object[] body : bodies()) {
            assertError(post(ORG, body, token), 403, "FORBIDDEN", body[0]);
        }
        assertEquals(before, fx.snapshot(), "nothing written");
    }

    static Stream<Arguments> claimsWithoutTheOrg() {
        return Stream.of(
                Arguments.of("no org claim", (Object) null),
                Arguments.of("org claim as a list", List.of(ORG)),
                Arguments.of("org claim as a number", 7),
                Arguments.of("org claim in another case", "SEC"),
                Arguments.of("org claim with a trailing space", ORG + " "),
                Arguments.of("org claim empty", ""));
    }

    @ParameterizedTest(name = "bot token, {0} -> 403")
    @MethodSource("claimsWithoutTheOrg")
    void aBotTokenNotForExactlyThisOrgIsForbidden(String name, Object org) {
        Map<String, Object> c = HostileTokens.claims(ORG, "bot", "connector", Instant.now().getEpochSecond(), 600);
        if (org == null) {
            c.remove("org");
        } else {
            c.put("org", org);
        }
        String token = StoreResource.tokens().mint(c);
        String before = fx.snapshot();
        for (Object[] body : bodies()) {
            assertError(post(ORG, body, token), 403, "FORBIDDEN", body[0]);
        }
        assertEquals(before, fx.snapshot());
    }

    @Test
    void rolesOtherThanBotAndAdminDoNotAddUpToEither() {
        Map<String, Object> c = HostileTokens.claims(ORG, "member", "li", Instant.now().getEpochSecond(), 600);
        c.put("groups", List.of("member", "group-admin", "guest", "BOT", "Admin", "connector"));
        String token = StoreResource.tokens().mint(c);
        String before = fx.snapshot();
        assertError(post(ORG, validBatch(), token), 403, "FORBIDDEN", "mixed roles");
        assertEquals(before, fx.snapshot());
    }

    @Test
    void anOrgInThePathThatIsNotAnIdIsRefusedAndWritesNothing() {
        String token = StoreResource.tokens().mint("bot", ORG, "connector", 600);
        String before = fx.snapshot();
        for (String org : List.of("sec#GROUP#east", "sec/../other", "", "x".repeat(65), "sec other")) {
            APIGatewayV2HTTPResponse r = post(org, validBatch(), token);
            assertTrue(r.getStatusCode() == 400 || r.getStatusCode() == 403, org + ": " + r.getBody());
        }
        assertEquals(before, fx.snapshot());
    }

    // --------------------------------------------------------------------------------------------- the control

    @ParameterizedTest(name = "{0} of the org -> 200")
    @MethodSource("allowed")
    void theOrgsBotAndAdminMayPost(String role, String subject) {
        String token = StoreResource.tokens().mint(role, ORG, subject, 600);
        String other = String.join("\n", itemsOf(OTHER));
        APIGatewayV2HTTPResponse r = post(ORG, validBatch(), token);
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(1, Api.body(r).get("accepted").asInt(), r.getBody());
        assertEquals("li", Attrs.str(table.get(Keys.message(ORG, "api", "m1")).orElseThrow(), "userId"));
        r = post(ORG, slackPayload("#求助 报价审批卡住了？"), token);
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(1, Api.body(r).get("accepted").asInt(), r.getBody());
        assertEquals(other, String.join("\n", itemsOf(OTHER)), "nothing of another org changed");
    }

    static Stream<Arguments> allowed() {
        return Stream.of(Arguments.of("bot", "connector"), Arguments.of("admin", "boss"));
    }

    // ---------------------------------------------------------------------------------- other orgs' records

    @Test
    void aBotCannotReachAnotherOrgsGroupMemberOrMessage() {
        String bot = StoreResource.tokens().mint("bot", ORG, "connector", 600);
        String other = String.join("\n", itemsOf(OTHER));
        Map<String, Object> edit = message("bm1", "li", "east", t0.plusSeconds(5), "改写别人的消息");
        edit.put("type", "edited");
        Map<String, Object> removal = message("bm1", "li", "west", t0.plusSeconds(6), null);
        removal.put("type", "removed_by_admin");
        removal.remove("text");
        Map<String, Object> join = new LinkedHashMap<>();
        join.put("type", "member_joined");
        join.put("groupId", "west");
        join.put("userId", "li");
        join.put("at", t0.toString());
        JsonNode answer = Api.body(post(ORG, batch(
                message("x1", "li", "west", t0, "发到别的组织的群"),        // group only in the other org
                message("x2", "outsider", "east", t0, "冒充别的组织的成员"), // member only in the other org
                edit,                                                        // a message only in the other org
                removal,
                join,
                message("x3", "li", "east", t0, "正常")), bot));           // east exists in both: kept here only
        assertEquals(1, answer.get("accepted").asInt(), answer.toString());
        assertEquals(5, answer.get("rejected").size(), answer.toString());
        List<String> reasons = answer.get("rejected").findValuesAsText("reason");
        assertTrue(reasons.get(0).contains("group west is not a group of this org"), reasons.toString());
        assertTrue(reasons.get(1).contains("member outsider is not a member of this org"), reasons.toString());
        assertTrue(reasons.get(2).contains("message bm1 is not known here"), reasons.toString());
        assertTrue(reasons.get(3).contains("group west is not a group of this org"), reasons.toString());
        assertTrue(reasons.get(4).contains("group west is not a group of this org"), reasons.toString());

        assertEquals(other, String.join("\n", itemsOf(OTHER)), "the other org's items are unchanged");
        assertEquals("别人的消息", Attrs.str(table.get(Keys.message(OTHER, "api", "bm1")).orElseThrow(), "text"));
        assertTrue(table.get(Keys.message(ORG, "api", "x3")).isPresent());
        assertEquals(1L, Attrs.num(table.get(Keys.groupActivity(ORG, "east")).orElseThrow(), "messages"));
        assertFalse(table.get(Keys.groupActivity(OTHER, "east")).isPresent());
        assertFalse(table.get(Keys.message(ORG, "api", "x1")).isPresent());
        assertFalse(table.get(Keys.group(ORG, "west")).isPresent(), "no group is made up");
    }

    @Test
    void aSlackChannelLinkedInTwoOrgsLandsInThePostingOrgOnly() {
        String bot = StoreResource.tokens().mint("bot", ORG, "connector", 600);
        String other = String.join("\n", itemsOf(OTHER));
        JsonNode answer = Api.body(post(ORG, slackPayload("同一个频道"), bot));
        assertEquals(1, answer.get("accepted").asInt(), answer.toString());
        Map<String, AttributeValue> m = table.get(Keys.message(ORG, "slack", CHANNEL + ":" + t0.getEpochSecond()
                + ".000200")).orElseThrow();
        assertEquals("chat", Attrs.str(m, "groupId"));
        assertEquals(other, String.join("\n", itemsOf(OTHER)));
    }

    // ------------------------------------------------------------------------------- platform proofs

    @Test
    void aSlackPayloadMustBeSignedWhenTheOrgHasASigningSecret() {
        String secret = "8f742231b10e8888abcd99yyyzzz85a5";
        table.update(Write.update(Keys.connector(ORG, "slack"), "SET #signingSecret = :s").value(":s", secret));
        String bot = StoreResource.tokens().mint("bot", ORG, "connector", 600);
        String body = slackPayload("签名的消息");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String now = String.valueOf(Instant.now().getEpochSecond());
        String stale = String.valueOf(Instant.now().minus(Duration.ofMinutes(10)).getEpochSecond());
        String before = fx.snapshot();

        List<String[]> refused = List.of(
                new String[] {null, null},
                new String[] {now, null},
                new String[] {null, Signatures.slackSignature(secret, now, bytes)},
                new String[] {now, "v0=" + "0".repeat(64)},
                new String[] {now, Signatures.slackSignature("another-secret", now, bytes)},
                new String[] {now, Signatures.slackSignature(secret, now, slackPayload("别的正文").getBytes(
                        StandardCharsets.UTF_8))},
                new String[] {stale, Signatures.slackSignature(secret, stale, bytes)},
                new String[] {now + "0", Signatures.slackSignature(secret, now + "0", bytes)},
                new String[] {"-1", Signatures.slackSignature(secret, "-1", bytes)});
        for (String[] headers : refused) {
            APIGatewayV2HTTPEvent event = Api.event(IngestFunction.EVENTS, Map.of("org", ORG), body, bot);
            if (headers[0] != null) {
                event.getHeaders().put("X-Slack-Request-Timestamp", headers[0]);
            }
            if (headers[1] != null) {
                event.getHeaders().put("X-Slack-Signature", headers[1]);
            }
            assertError(function.ingest(event), 401, "UNAUTHORIZED", String.join(" ", List.of(
                    String.valueOf(headers[0]), String.valueOf(headers[1]))));
        }
        assertEquals(before, fx.snapshot(), "nothing written");

        APIGatewayV2HTTPEvent signed = Api.event(IngestFunction.EVENTS, Map.of("org", ORG), body, bot);
        signed.getHeaders().put("X-Slack-Request-Timestamp", now);
        signed.getHeaders().put("X-Slack-Signature", Signatures.slackSignature(secret, now, bytes));
        APIGatewayV2HTTPResponse r = function.ingest(signed);
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(1, Api.body(r).get("accepted").asInt(), r.getBody());
    }

    @Test
    void aFeishuPayloadMustCarryTheVerificationTokenWhenTheOrgHasOne() {
        table.update(Write.update(Keys.connector(ORG, "feishu"), "SET #verificationToken = :t")
                .value(":t", FEISHU_TOKEN));
        String bot = StoreResource.tokens().mint("bot", ORG, "connector", 600);
        String before = fx.snapshot();
        for (String token : new String[] {null, "", "wrong", FEISHU_TOKEN.toLowerCase(), FEISHU_TOKEN + "x"}) {
            assertError(post(ORG, feishuPayload(token), bot), 401, "UNAUTHORIZED", token);
        }
        assertEquals(before, fx.snapshot(), "nothing written");
        APIGatewayV2HTTPResponse r = post(ORG, feishuPayload(FEISHU_TOKEN), bot);
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(1, Api.body(r).get("accepted").asInt(), r.getBody());
        assertEquals("feishu-chat", Attrs.str(table.get(Keys.message(ORG, "feishu",
                "om_3a8b2e0d5f1c4e9a8d7b6c5a4f3e2d1c")).orElseThrow(), "groupId"));
    }
}
