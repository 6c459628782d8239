package io.headcount.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.ApiError;
import io.headcount.adapters.ConnectorItems;
import io.headcount.adapters.ErrorCode;
import io.headcount.adapters.Json;
import io.headcount.adapters.Keys;
import io.headcount.adapters.Request;
import io.headcount.adapters.Table;
import io.headcount.domain.ConnectorSpec;
import io.headcount.ingest.platform.FeishuPayload;
import io.headcount.ingest.platform.Signatures;
import io.headcount.ingest.platform.SlackPayload;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * An org's connector settings per platform (the {@code CONNECTOR#platform} item): when an org has configured a
 * Slack signing secret, or a Feishu verification token or encrypt key, native payloads of that platform must
 * prove they came from it; Feishu payloads encrypted with the encrypt key are decrypted here.
 */
@ApplicationScoped
class Connectors {
    private static final SlackPayload SLACK = new SlackPayload();
    private static final FeishuPayload FEISHU = new FeishuPayload();

    private final Table table;
    private final Clock clock = Clock.systemUTC();

    Connectors(Table table) {
        this.table = table;
    }

    /** The payload to read: verified where the org asks for it, decrypted when Feishu encrypted it. */
    JsonNode open(String org, Request request, byte[] body, JsonNode tree) {
        if (isEncrypted(tree)) {
            ConnectorSpec feishu = settings(org, "feishu");
            String key = feishu.encryptKey();
            if (key == null) {
                throw new ApiError(ErrorCode.INVALID_INPUT,
                        "this Feishu payload is encrypted, and the org has no Feishu encrypt key configured");
            }
            checkFeishuSignature(request, body, key);
            JsonNode opened;
            try {
                opened = Json.tree(Signatures.feishuDecrypt(key, tree.get("encrypt").asText()));
            } catch (IllegalArgumentException e) {
                throw unauthorized("the Feishu payload " + e.getMessage());
            }
            checkFeishuToken(feishu, opened);
            return opened;
        }
        // Slack's and Feishu's plain URL handshakes look alike; Slack signs every request, Feishu's does not.
        boolean slack = SLACK.recognises(tree)
                && !(FEISHU.recognises(tree) && request.header("X-Slack-Signature").isEmpty());
        if (slack) {
            String secret = settings(org, "slack").signingSecret();
            if (secret != null && !Signatures.slackValid(secret, request.header("X-Slack-Request-Timestamp")
                    .orElse(null), request.header("X-Slack-Signature").orElse(null), body, clock.instant())) {
                throw unauthorized("the Slack request signature is missing, stale or does not match");
            }
        } else if (FEISHU.recognises(tree)) {
            ConnectorSpec feishu = settings(org, "feishu");
            if (feishu.encryptKey() != null) {
                // With an encrypt key set, Feishu signs every request it sends.
                checkFeishuSignature(request, body, feishu.encryptKey());
            }
            checkFeishuToken(feishu, tree);
        }
        return tree;
    }

    private ConnectorSpec settings(String org, String platform) {
        return ConnectorItems.from(table.get(Keys.connector(org, platform)).orElse(Map.of()));
    }

    private static boolean isEncrypted(JsonNode tree) {
        return tree.isObject() && tree.size() == 1 && tree.path("encrypt").isTextual();
    }

    private void checkFeishuSignature(Request request, byte[] body, String key) {
        if (!Signatures.feishuValid(key, request.header("X-Lark-Request-Timestamp").orElse(null),
                request.header("X-Lark-Request-Nonce").orElse(null), request.header("X-Lark-Signature").orElse(null),
                body, clock.instant())) {
            throw unauthorized("the Feishu request signature is missing, stale or does not match");
        }
    }

    /** Event v2 carries the token in its header; the URL verification handshake at the top level. */
    private static void checkFeishuToken(ConnectorSpec feishu, JsonNode payload) {
        String expected = feishu.verificationToken();
        if (expected == null) {
            return;
        }
        String token = Optional.ofNullable(payload.path("header").get("token"))
                .or(() -> Optional.ofNullable(payload.get("token")))
                .filter(JsonNode::isTextual).map(JsonNode::asText).orElse("");
        if (!Signatures.constantTimeEquals(expected, token)) {
            throw unauthorized("the Feishu verification token does not match");
        }
    }

    private static ApiError unauthorized(String message) {
        return new ApiError(ErrorCode.UNAUTHORIZED, message);
    }
}
