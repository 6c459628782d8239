package io.headcount.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.adapters.Write;
import io.headcount.ingest.platform.Signatures;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Optional proofs of origin, configured per org on its {@code CONNECTOR#platform} item: Slack's request signature
 * when a signing secret is set; Feishu's verification token, and with an encrypt key its request signature and
 * encrypted bodies. A payload that fails a configured check is refused whole (401) and writes nothing.
 */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class ConnectorsTest extends StoreTest {
    static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    /** The verification token the Feishu payload files carry in header.token. */
    static final String FEISHU_TOKEN = "rvaYgkND1GOiu5MM0E1rncYC6PLtF7JV";
    static final String ENCRYPT_KEY = "kJ8dYq2mN5pL0sR7vX3z";
    static final byte[] IV = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /** slack/message-plain.json: U061F7AUR writes in C0LAN2Q65. */
    static final String SLACK_PAYLOAD = "slack/message-plain.json";
    static final String SLACK_MESSAGE_ID = "C0LAN2Q65:1764211503.000200";
    /** feishu/message-text-plain.json: ou_84aa… writes in oc_5ad1…. */
    static final String FEISHU_PAYLOAD = "feishu/message-text-plain.json";
    static final String FEISHU_MESSAGE_ID = "om_3a8b2e0d5f1c4e9a8d7b6c5a4f3e2d1c";

    @Inject
    IngestFunction function;

    String org;
    String bot;

    // ------------------------------------------------------------------------------------------------ helpers

    static String payload(String file) {
        try (var in = ConnectorsTest.class.getResourceAsStream("/payloads/" + file)) {
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

    void connector(String platform, Map<String, String> settings) {
        Map<String, AttributeValue> item = new HashMap<>(Keys.connector(org, platform).toMap());
        settings.forEach((name, value) -> item.put(name, Attrs.s(value)));
        table.transact(List.of(Write.put(item)));
    }

    APIGatewayV2HTTPResponse post(String body, Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = Api.event(IngestFunction.EVENTS, Map.of("org", org), body, bot);
        headers.forEach((name, value) -> event.getHeaders().put(name, value));
        return function.ingest(event);
    }

    JsonNode accepted(String body, Map<String, String> headers) {
        APIGatewayV2HTTPResponse r = post(body, headers);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Api.body(r);
    }

    static void assertKeptOne(JsonNode answer) {
        assertEquals(1, answer.path("accepted").asInt(), answer.toString());
        assertEquals(0, answer.path("rejected").size(), answer.toString());
    }

    /** Refused with the status and code, and not one item of the store changed. */
    void assertRefused(int status, String code, String body, Map<String, String> headers) {
        String before = fx.snapshot();
        APIGatewayV2HTTPResponse r = post(body, headers);
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals(code, Api.body(r).path("error").asText(), r.getBody());
        assertEquals(before, fx.snapshot(), "a refused payload writes nothing");
    }

    void assertUnauthorized(String body, Map<String, String> headers) {
        assertRefused(401, "UNAUTHORIZED", body, headers);
    }

    boolean slackMessageKept() {
        return table.get(Keys.message(org, "slack", SLACK_MESSAGE_ID)).isPresent();
    }

    boolean feishuMessageKept() {
        return table.get(Keys.message(org, "feishu", FEISHU_MESSAGE_ID)).isPresent();
    }

    static Map<String, String> slackHeaders(String secret, long timestamp, String body) {
        String ts = Long.toString(timestamp);
        return Map.of("X-Slack-Request-Timestamp", ts,
                "X-Slack-Signature", Signatures.slackSignature(secret, ts, body.getBytes(StandardCharsets.UTF_8)));
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    /** The body Feishu posts when the app has an encrypt key: {@code {"encrypt": base64(iv + AES-256-CBC)}}. */
    static String encrypted(String key, String plain) {
        return Api.json(Map.of("encrypt", Signatures.feishuEncrypt(key, plain.getBytes(StandardCharsets.UTF_8), IV)));
    }

    static Map<String, String> larkHeaders(String key, String body) {
        String timestamp = Long.toString(now());
        String nonce = "n-" + Long.toHexString(System.nanoTime());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Lark-Request-Timestamp", timestamp);
        headers.put("X-Lark-Request-Nonce", nonce);
        headers.put("X-Lark-Signature",
                Signatures.feishuSignature(key, timestamp, nonce, body.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    @BeforeEach
    void setUp() {
        org = Fixtures.newOrg("con");
        bot = StoreResource.tokens().mint("bot", org, "connector", 600);
        // The payload files date from 2020 and 2025: keep them in the retention window.
        table.update(Write.update(Keys.policy(org), "SET #retentionDays = :d").value(":d", 20_000));
        fx.groupOnChat(org, "east", 15, "C0LAN2Q65");
        fx.memberOnPlatforms(org, "li", Map.of("slack", "U061F7AUR"));
        fx.groupOnChat(org, "south", 15, "oc_5ad11d72b830411d72b836c20");
        fx.memberOnPlatforms(org, "wang", Map.of("feishu", "ou_84aad35d084aa403a838cf73ee18467"));
    }

    // ------------------------------------------------------------------------------------------------ Slack

    @Test
    void aSlackPayloadSignedWithTheOrgsSecretIsKept() {
        connector("slack", Map.of("signingSecret", SLACK_SECRET));
        String body = payload(SLACK_PAYLOAD);
        assertKeptOne(accepted(body, slackHeaders(SLACK_SECRET, now(), body)));
        assertTrue(slackMessageKept());
    }

    @Test
    void slackSignatureHeadersAreFoundInLowerCaseAsApiGatewaySendsThem() {
        connector("slack", Map.of("signingSecret", SLACK_SECRET));
        String body = payload(SLACK_PAYLOAD);
        Map<String, String> lower = new HashMap<>();
        slackHeaders(SLACK_SECRET, now(), body).forEach((name, value) -> lower.put(name.toLowerCase(), value));
        assertKeptOne(accepted(body, lower));
    }

    @Test
    void aSlackPayloadSignedWithAnotherSecretIsRefused() {
        connector("slack", Map.of("signingSecret", SLACK_SECRET));
        String body = payload(SLACK_PAYLOAD);
        assertUnauthorized(body, slackHeaders("not-the-orgs-secret", now(), body));
        assertFalse(slackMessageKept());
    }

    @Test
    void aSlackPayloadWithoutSignatureHeadersIsRefusedWhenASecretIsSet() {
        connector("slack", Map.of("signingSecret", SLACK_SECRET));
        assertUnauthorized(payload(SLACK_PAYLOAD), Map.of());
        assertFalse(slackMessageKept());
    }

    @Test
    void aSlackSignatureWithoutItsTimestampIsRefused() {
        connector("slack", Map.of("signingSecret", SLACK_SECRET));
        String body = payload(SLACK_PAYLOAD);
        Map<String, String> headers = new HashMap<>(slackHeaders(SLACK_SECRET, now(), body));
        headers.remove("X-Slack-Request-Timestamp");
        assertUnauthorized(body, headers);
    }

    @Test
    void aSlackPayloadSignedTenMinutesAgoIsRefusedAsAReplay() {
        connector("slack", Map.of("signingSecret", SLACK_SECRET));
        String body = payload(SLACK_PAYLOAD);
        assertUnauthorized(body, slackHeaders(SLACK_SECRET, now() - 600, body));
        assertFalse(slackMessageKept());
    }

    @Test
    void aSlackPayloadAlteredAfterSigningIsRefused() {
        connector("slack", Map.of("signingSecret", SLACK_SECRET));
        String signed = payload(SLACK_PAYLOAD);
        String altered = signed.replace("预计下周签约", "预计明天签约");
        assertFalse(signed.equals(altered), "the payload text was changed");
        assertUnauthorized(altered, slackHeaders(SLACK_SECRET, now(), signed));
        assertFalse(slackMessageKept());
    }

    @Test
    void withoutASigningSecretSlackPayloadsNeedNoSignature() {
        assertKeptOne(accepted(payload(SLACK_PAYLOAD), Map.of()));
        assertTrue(slackMessageKept());
    }

    @Test
    void aSlackSecretDoesNotAskFeishuPayloadsForASlackSignature() {
        connector("slack", Map.of("signingSecret", SLACK_SECRET));
        assertKeptOne(accepted(payload(FEISHU_PAYLOAD), Map.of()));
        assertTrue(feishuMessageKept());
    }

    // ------------------------------------------------------------------------------------------------ Feishu

    @Test
    void aFeishuPayloadWithAnotherVerificationTokenIsRefused() {
        connector("feishu", Map.of("verificationToken", "someone-elses-token"));
        assertUnauthorized(payload(FEISHU_PAYLOAD), Map.of());
        assertFalse(feishuMessageKept());
    }

    @Test
    void aFeishuPayloadWithoutAVerificationTokenIsRefusedWhenOneIsSet() {
        connector("feishu", Map.of("verificationToken", FEISHU_TOKEN));
        ObjectNode tokenless = (ObjectNode) tree(payload(FEISHU_PAYLOAD));
        assertEquals(FEISHU_TOKEN, ((ObjectNode) tokenless.get("header")).remove("token").asText());
        assertUnauthorized(Api.json(tokenless), Map.of());
    }

    @Test
    void aFeishuPayloadWithTheOrgsVerificationTokenIsKept() {
        connector("feishu", Map.of("verificationToken", FEISHU_TOKEN));
        assertKeptOne(accepted(payload(FEISHU_PAYLOAD), Map.of()));
        assertTrue(feishuMessageKept());
    }

    @Test
    void anEncryptedFeishuPayloadWithAValidSignatureIsDecryptedAndKept() {
        connector("feishu", Map.of("encryptKey", ENCRYPT_KEY));
        String body = encrypted(ENCRYPT_KEY, payload(FEISHU_PAYLOAD));
        assertKeptOne(accepted(body, larkHeaders(ENCRYPT_KEY, body)));
        assertEquals("[求助] 华南区报价单模板在哪里下载？",
                Attrs.str(table.get(Keys.message(org, "feishu", FEISHU_MESSAGE_ID)).orElseThrow(), "text"));
    }

    @Test
    void anEncryptedFeishuPayloadIsCheckedAgainstTheVerificationTokenOnceDecrypted() {
        connector("feishu", Map.of("encryptKey", ENCRYPT_KEY,
                "verificationToken", "someone-elses-token"));
        String body = encrypted(ENCRYPT_KEY, payload(FEISHU_PAYLOAD));
        assertUnauthorized(body, larkHeaders(ENCRYPT_KEY, body));
    }

    @Test
    void anEncryptedFeishuHandshakeIsAnsweredWithItsChallenge() {
        connector("feishu", Map.of("encryptKey", ENCRYPT_KEY));
        String body = encrypted(ENCRYPT_KEY, payload("feishu/url-verification.json"));
        assertEquals("ajls384kdjx98XX", accepted(body, larkHeaders(ENCRYPT_KEY, body)).path("challenge").asText());
    }

    @Test
    void aFeishuPayloadEncryptedWithAnotherKeyIsRefused() {
        connector("feishu", Map.of("encryptKey", ENCRYPT_KEY));
        String body = encrypted("another-apps-encrypt-key", payload(FEISHU_PAYLOAD));
        // Signed with the org's key, so that only the decryption can fail.
        assertUnauthorized(body, larkHeaders(ENCRYPT_KEY, body));
        assertFalse(feishuMessageKept());
    }

    @Test
    void anEncryptedFeishuPayloadWithABadSignatureIsRefused() {
        connector("feishu", Map.of("encryptKey", ENCRYPT_KEY));
        String body = encrypted(ENCRYPT_KEY, payload(FEISHU_PAYLOAD));
        assertUnauthorized(body, larkHeaders("another-apps-encrypt-key", body));
        assertFalse(feishuMessageKept());
    }

    @Test
    void anEncryptedFeishuPayloadWithoutSignatureHeadersIsRefused() {
        connector("feishu", Map.of("encryptKey", ENCRYPT_KEY));
        assertUnauthorized(encrypted(ENCRYPT_KEY, payload(FEISHU_PAYLOAD)), Map.of());
    }

    @Test
    void anEncryptedFeishuPayloadIsInvalidWhenTheOrgHasNoEncryptKey() {
        String body = encrypted(ENCRYPT_KEY, payload(FEISHU_PAYLOAD));
        assertRefused(422, "INVALID_INPUT", body, larkHeaders(ENCRYPT_KEY, body));
        assertFalse(feishuMessageKept());
    }

    @Test
    void aPlainFeishuPayloadWithABadSignatureIsRefusedWhenAnEncryptKeyIsSet() {
        connector("feishu", Map.of("encryptKey", ENCRYPT_KEY));
        String body = payload(FEISHU_PAYLOAD);
        assertUnauthorized(body, larkHeaders("another-apps-encrypt-key", body));
    }

    // ------------------------------------------------------------------------------------------------ known gaps
    // Feishu's plain URL verification {"challenge","token","type":"url_verification"} has exactly the shape of
    // Slack's, and Connectors.open tries Slack first: the Slack secret is asked for, the Feishu token never.

    @Test
    void aPlainFeishuHandshakeIsNotAskedForASlackSignature() {
        connector("slack", Map.of("signingSecret", SLACK_SECRET));
        connector("feishu", Map.of("verificationToken", "xxxxxx"));
        assertEquals("ajls384kdjx98XX", accepted(payload("feishu/url-verification.json"), Map.of())
                .path("challenge").asText());
    }

    @Test
    void aPlainFeishuHandshakeWithAnotherVerificationTokenIsRefused() {
        connector("feishu", Map.of("verificationToken", FEISHU_TOKEN));
        assertUnauthorized(payload("feishu/url-verification.json"), Map.of()); // its token is "xxxxxx"
    }

    @Test
    void aPlainUnsignedFeishuPayloadIsRefusedWhenOnlyAnEncryptKeyIsSet() {
        connector("feishu", Map.of("encryptKey", ENCRYPT_KEY));
        assertUnauthorized(payload(FEISHU_PAYLOAD), Map.of());
        assertFalse(feishuMessageKept());
    }
}
