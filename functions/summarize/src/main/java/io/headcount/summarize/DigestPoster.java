package io.headcount.summarize;

import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.ApiError;
import io.headcount.adapters.Json;
import io.headcount.domain.WebhookSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Posts a digest to its group's webhook. Network failures, timeouts, HTTP 429 and 5xx and the platforms'
 * rate-limit codes are retried with a growing pause; any other refusal is final. It never throws: the outcome is
 * recorded with the digest, and the other groups go on.
 */
@ApplicationScoped
class DigestPoster {
    /** WeCom 45009, DingTalk 130101, Feishu 11232 and 9499: too many messages for now. */
    static final Set<Integer> RATE_LIMITED = Set.of(45009, 130101, 11232, 9499);

    /** What happened: {@code status} is the last HTTP status (null when none came back). */
    record Posted(boolean ok, int attempts, Integer status, String error) {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final int attempts;
    private final Duration pause;
    private final Optional<URI> endpointOverride;
    private final Clock clock = Clock.systemUTC();

    DigestPoster(@ConfigProperty(name = "headcount.webhook.timeout", defaultValue = "5S") Duration timeout,
            @ConfigProperty(name = "headcount.webhook.attempts", defaultValue = "3") int attempts,
            @ConfigProperty(name = "headcount.webhook.pause", defaultValue = "0.5S") Duration pause,
            @ConfigProperty(name = "headcount.webhook.endpoint-override") Optional<URI> endpointOverride) {
        this.timeout = timeout;
        this.attempts = attempts;
        this.pause = pause;
        this.endpointOverride = endpointOverride;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Posted post(WebhookSpec webhook, String text) {
        Integer status = null;
        String error = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1 && !sleep(pause.multipliedBy(1L << (attempt - 2)))) {
                return new Posted(false, attempt - 1, status, "interrupted");
            }
            WebhookMessage message = WebhookMessage.of(webhook, text, clock.instant());
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(target(message.uri()))
                                .timeout(timeout).header("Content-Type", "application/json; charset=utf-8")
                                .POST(HttpRequest.BodyPublishers.ofString(message.body(), StandardCharsets.UTF_8))
                                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                status = response.statusCode();
                Integer code = platformCode(response.body());
                if (status == 200 && (code == null || code == 0)) {
                    return new Posted(true, attempt, status, null);
                }
                error = code != null && code != 0 ? "platform code " + code : "HTTP " + status;
                if (!(status == 429 || status >= 500 || code != null && RATE_LIMITED.contains(code))) {
                    return new Posted(false, attempt, status, error);
                }
            } catch (IOException e) {
                error = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Posted(false, attempt, status, "interrupted");
            }
        }
        return new Posted(false, attempts, status, error);
    }

    /** WeCom and DingTalk answer {@code errcode}, Feishu {@code code} (or {@code StatusCode}); Slack plain "ok". */
    private static Integer platformCode(String body) {
        try {
            JsonNode node = Json.tree(body.getBytes(StandardCharsets.UTF_8));
            for (String field : new String[] {"errcode", "code", "StatusCode"}) {
                if (node.path(field).isInt()) {
                    return node.get(field).asInt();
                }
            }
        } catch (ApiError notJson) {
            // Not JSON (Slack's "ok", an HTML error page): the HTTP status decides.
        }
        return null;
    }

    /** Tests and local runs point every webhook at a stand-in, keeping the path and the query. */
    private URI target(URI uri) {
        return endpointOverride.map(base -> base.resolve(uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))).orElse(uri);
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
