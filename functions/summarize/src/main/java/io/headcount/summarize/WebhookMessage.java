package io.headcount.summarize;

import io.headcount.adapters.Json;
import io.headcount.domain.WebhookSpec;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A digest as each platform's group robot takes it, as the platforms document them: WeCom and DingTalk
 * {@code {"msgtype":"text","text":{"content":…}}}, Feishu {@code {"msg_type":"text","content":{"text":…}}},
 * Slack {@code {"text":…}}. DingTalk signs in the URL ({@code timestamp} in ms and {@code sign} = Base64
 * HMAC-SHA256 of "timestamp\nsecret" keyed by the secret); Feishu in the body ({@code timestamp} in s and
 * {@code sign} = Base64 HMAC-SHA256 of nothing, keyed by "timestamp\nsecret"). Texts are cut to each platform's
 * limit.
 */
record WebhookMessage(URI uri, String body) {

    /** UTF-8 bytes of text each platform takes: WeCom 2,048; DingTalk and Feishu about 20 KB; Slack 40,000. */
    static final Map<String, Integer> MAX_TEXT_BYTES = Map.of(
            "wecom", 2_048, "dingtalk", 18_000, "feishu", 18_000, "slack", 40_000);

    static WebhookMessage of(WebhookSpec webhook, String text, Instant now) {
        String content = cut(text, MAX_TEXT_BYTES.get(webhook.platform()));
        Map<String, Object> body = new LinkedHashMap<>();
        String url = webhook.url();
        switch (webhook.platform()) {
            case "wecom" -> {
                body.put("msgtype", "text");
                body.put("text", Map.of("content", content));
            }
            case "dingtalk" -> {
                body.put("msgtype", "text");
                body.put("text", Map.of("content", content));
                if (webhook.secret() != null) {
                    long millis = now.toEpochMilli();
                    String sign = hmac(webhook.secret(), millis + "\n" + webhook.secret());
                    url += (url.contains("?") ? "&" : "?") + "timestamp=" + millis + "&sign="
                            + URLEncoder.encode(sign, StandardCharsets.UTF_8);
                }
            }
            case "feishu" -> {
                if (webhook.secret() != null) {
                    long seconds = now.getEpochSecond();
                    body.put("timestamp", Long.toString(seconds));
                    body.put("sign", hmac(seconds + "\n" + webhook.secret(), ""));
                }
                body.put("msg_type", "text");
                body.put("content", Map.of("text", content));
            }
            case "slack" -> body.put("text", content);
            default -> throw new IllegalArgumentException("no webhook format for " + webhook.platform());
        }
        return new WebhookMessage(URI.create(url), Json.write(body));
    }

    static String hmac(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** At most {@code maxBytes} of UTF-8, cut at a character boundary and marked with an ellipsis. */
    static String cut(String text, int maxBytes) {
        if (text.getBytes(StandardCharsets.UTF_8).length <= maxBytes) {
            return text;
        }
        StringBuilder kept = new StringBuilder();
        int bytes = "…".getBytes(StandardCharsets.UTF_8).length;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > maxBytes) {
                break;
            }
            kept.appendCodePoint(cp);
            bytes += size;
            i += Character.charCount(cp);
        }
        return kept.append('…').toString();
    }
}
