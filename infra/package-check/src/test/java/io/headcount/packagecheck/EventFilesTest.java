package io.headcount.packagecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.localkit.TemplateModel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The HTTP events of infra/events are what API Gateway's HTTP API (payload 2.0) sends for template.yaml's stage:
 * their parts agree with each other, and the only placeholders are ${TOKEN} and ${NOW}.
 */
class EventFilesTest {
    static final EventFiles EVENTS = new EventFiles(TemplateModel.projectRoot().resolve("infra/events"));
    static final Pattern PARAM = Pattern.compile("\\{([A-Za-z]+)}");
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z]+)}");
    /** The stage template.yaml's HttpApi deploys by default: API Gateway puts it before the path. */
    static final String STAGE = "dev";

    @Test
    void httpEventsAgreeWithThemselvesAsApiGatewaySendsThem() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (String name : EVENTS.names()) {
            JsonNode e = EVENTS.json(name);
            if (!e.has("routeKey")) {
                continue;
            }
            checked++;
            String routeKey = e.path("routeKey").asText();
            String method = routeKey.substring(0, routeKey.indexOf(' '));
            Matcher m = PARAM.matcher(routeKey.substring(routeKey.indexOf(' ') + 1));
            StringBuilder path = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(path, Matcher.quoteReplacement(e.path("pathParameters").path(m.group(1)).asText()));
            }
            m.appendTail(path);
            String rawPath = "/" + STAGE + path;
            check(problems, name, "version", "2.0", e.path("version").asText());
            check(problems, name, "rawPath", rawPath, e.path("rawPath").asText());
            check(problems, name, "requestContext.http.path", rawPath, e.at("/requestContext/http/path").asText());
            check(problems, name, "requestContext.http.method", method, e.at("/requestContext/http/method").asText());
            check(problems, name, "requestContext.routeKey", routeKey, e.at("/requestContext/routeKey").asText());
            check(problems, name, "requestContext.stage", STAGE, e.at("/requestContext/stage").asText());
            check(problems, name, "authorization", "Bearer ${TOKEN}", e.at("/headers/authorization").asText());
            check(problems, name, "isBase64Encoded", "false", e.path("isBase64Encoded").asText());
            if (e.at("/requestContext/requestId").asText().isEmpty()) {
                problems.add(name + ": no requestContext.requestId");
            }
            for (Iterator<String> headers = e.path("headers").fieldNames(); headers.hasNext(); ) {
                String header = headers.next();
                if (!header.equals(header.toLowerCase())) {
                    problems.add(name + ": HTTP APIs send header names in lower case, not " + header);
                }
            }
            StringBuilder query = new StringBuilder();
            e.path("queryStringParameters").fields().forEachRemaining(q ->
                    query.append(query.isEmpty() ? "" : "&").append(q.getKey()).append('=').append(q.getValue().asText()));
            check(problems, name, "rawQueryString", query.toString(), e.path("rawQueryString").asText());
            if (e.has("body")) {
                // As sent once ${NOW} is filled with a 20-character UTC time (README's date -u +%Y-%m-%dT%H:%M:%SZ).
                String body = e.path("body").asText().replace(EventFiles.NOW, "2026-11-27T09:00:00Z");
                check(problems, name, "content-length", String.valueOf(body.getBytes(StandardCharsets.UTF_8).length),
                        e.at("/headers/content-length").asText());
                if (e.at("/headers/content-type").isMissingNode()) {
                    problems.add(name + ": a body without a content-type");
                }
            } else if (e.at("/headers/content-length").isTextual()) {
                problems.add(name + ": a content-length without a body");
            }
        }
        assertTrue(checked >= 20, "HTTP events found: " + checked);
        assertEquals(List.of(), problems);
    }

    @Test
    void theOnlyPlaceholdersAreTokenAndNow() {
        for (String name : EVENTS.names()) {
            Matcher m = PLACEHOLDER.matcher(EVENTS.raw(name));
            while (m.find()) {
                assertTrue(List.of("TOKEN", "NOW").contains(m.group(1)), name + " has ${" + m.group(1) + "}");
            }
            String filled = EVENTS.filled(name, "header.payload.signature", Instant.now());
            assertFalse(PLACEHOLDER.matcher(filled).find(), name + " still has a placeholder once filled");
        }
    }

    private static void check(List<String> problems, String event, String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            problems.add(event + ": " + what + " is '" + actual + "', expected '" + expected + "'");
        }
    }
}
