package io.headcount.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.headcount.adapters.Keys;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OverflowMode;
import io.headcount.localkit.FaultProxy.Fault;
import io.headcount.testing.Api;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * No message text appears in any log line: every record logged while events come in (any logger, any level the
 * loggers let through, the project's own loggers opened to every level) is captured with its message, formatted
 * message, parameters and exception, and none of them holds a marker the message texts carried, nor the token.
 */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class IngestLogsTest extends StoreTest {
    static final String ORG = "logs";
    static final String CHANNEL = "C024BE91L";
    static final String SLACK_USER = "U2147483697";
    static final String REQUEST_LOGGER = "headcount.request";

    /** Every record published to the root logger, as text. */
    static final class Capture extends Handler {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<String> requestLines = new CopyOnWriteArrayList<>();
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder();
            line.append(record.getLoggerName()).append(' ').append(record.getLevel()).append(' ')
                    .append(record.getMessage());
            try {
                line.append(" | ").append(formatter.formatMessage(record));
            } catch (RuntimeException e) {
                line.append(" | (unformattable: ").append(e).append(')');
            }
            if (record instanceof org.jboss.logmanager.ExtLogRecord ext) {
                line.append(" | ").append(ext.getFormattedMessage());
                ext.getMdcCopy().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
                line.append(' ').append(ext.getNdc());
            }
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    line.append(" | ").append(p);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(" | ").append(trace);
            }
            lines.add(line.toString());
            if (REQUEST_LOGGER.equals(record.getLoggerName())) {
                requestLines.add(line.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Inject
    IngestFunction function;

    Capture capture;
    Logger root;
    final Map<String, Level> levels = new LinkedHashMap<>();
    final List<String> markers = new ArrayList<>();
    String bot;
    Instant t0;
    int requests;

    @BeforeEach
    void setUp() {
        t0 = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        fx.group(ORG, "east", GroupKind.FUNCTION, "sales", 15, OverflowMode.DENY);
        fx.groupOnChat(ORG, "chat", 15, CHANNEL);
        fx.memberOnPlatforms(ORG, "li", Map.of("slack", SLACK_USER));
        fx.member(ORG, "wang", "sales", List.of());
        bot = StoreResource.tokens().mint("bot", ORG, "connector", 600);

        root = Logger.getLogger("");
        capture = new Capture();
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        // The project's own loggers log everything they are asked to while this runs.
        for (String name : List.of("headcount", "io.headcount")) {
            levels.put(name, Logger.getLogger(name).getLevel());
            Logger.getLogger(name).setLevel(Level.ALL);
        }
    }

    @AfterEach
    void tearDown() {
        StoreResource.proxy().heal();
        root.removeHandler(capture);
        levels.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
    }

    /** A new pair of distinctive texts, one Chinese and one ASCII, remembered to be looked for in the logs. */
    String marker() {
        int n = markers.size() / 2;
        String zh = "绝密口令" + n + "号鸿雁传书";
        String ascii = "LEAKCANARY" + n + "x7f3a9c";
        markers.add(zh);
        markers.add(ascii);
        return zh + " " + ascii;
    }

    Map<String, Object> message(String id, String user, String group, String text) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "message");
        e.put("messageId", id);
        e.put("groupId", group);
        e.put("userId", user);
        e.put("at", t0.toString());
        e.put("text", text);
        return e;
    }

    String slackPayload(String channel, String ts, String text) {
        return "{\"token\":\"z\",\"team_id\":\"T1\",\"api_app_id\":\"A1\",\"type\":\"event_callback\","
                + "\"event_id\":\"Ev" + ts.replace(".", "") + "\",\"event_time\":" + t0.getEpochSecond()
                + ",\"event\":{\"type\":\"message\",\"channel\":\"" + channel + "\",\"user\":\"" + SLACK_USER
                + "\",\"text\":\"" + text + "\",\"ts\":\"" + ts + "\",\"channel_type\":\"channel\"}}";
    }

    /** Posts, and checks that the request was logged: one line, naming the function and the status. */
    APIGatewayV2HTTPResponse post(APIGatewayV2HTTPEvent event, int status) {
        int before = capture.requestLines.size();
        APIGatewayV2HTTPResponse r = function.ingest(event);
        requests++;
        assertEquals(status, r.getStatusCode(), r.getBody());
        List<String> lines = capture.requestLines.subList(before, capture.requestLines.size()).stream()
                .filter(l -> l.contains("\"function\":\"ingest\"")).toList();
        assertEquals(1, lines.size(), "one request line per request: " + lines);
        String line = lines.get(0);
        assertTrue(line.contains("\"function\":\"ingest\""), line);
        assertTrue(line.contains("\"status\":" + status), line);
        assertTrue(line.contains("\"route\":\"" + IngestFunction.EVENTS + "\""), line);
        return r;
    }

    APIGatewayV2HTTPResponse post(String body, String token, int status) {
        return post(Api.event(IngestFunction.EVENTS, Map.of("org", ORG), body, token), status);
    }

    APIGatewayV2HTTPResponse postBase64(byte[] body, int status) {
        APIGatewayV2HTTPEvent event = Api.event(IngestFunction.EVENTS, Map.of("org", ORG),
                Base64.getEncoder().encodeToString(body), bot);
        event.setIsBase64Encoded(true);
        return post(event, status);
    }

    /** The capture works, and nothing captured holds a marker or the token. */
    void assertNoLeak(List<String> tokens) {
        assertTrue(capture.requestLines.size() >= requests, "the capture sees the request lines");
        assertFalse(markers.isEmpty());
        List<String> leaks = new ArrayList<>();
        for (String line : capture.lines) {
            for (String marker : markers) {
                if (line.contains(marker)) {
                    leaks.add("message text '" + marker + "' in: " + line);
                }
            }
            for (String token : tokens) {
                String[] parts = token.split("\\.");
                for (String secret : List.of(token, parts[1], parts[2])) {
                    if (line.contains(secret)) {
                        leaks.add("the bearer token in: " + line);
                    }
                }
            }
        }
        assertTrue(leaks.isEmpty(), String.join("\n", leaks));
    }

    @Test
    void keptAndRefusedEventsLogNoText() {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(message("k1", "li", "east", marker()));
        events.add(message("k2", "wang", "east", "【客户反馈】" + marker()));
        events.add(message("r1", "li", "east", marker() + "\u0007"));          // control character
        events.add(message("r2", "li", "west", marker()));                     // no such group
        events.add(message("r3", "ghost", "east", marker()));                  // no such member
        Map<String, Object> future = message("r4", "li", "east", marker());
        future.put("at", Instant.now().plus(Duration.ofDays(1)).toString());
        events.add(future);
        Map<String, Object> wrongType = message("r5", "li", "east", marker());
        wrongType.put("type", 5);
        events.add(wrongType);
        Map<String, Object> unknownField = message("r6", "li", "east", marker());
        unknownField.put(marker().replace(' ', '_'), marker());
        events.add(unknownField);
        Map<String, Object> edit = message("nope", "li", "east", marker());
        edit.put("type", "edited");
        events.add(edit);
        String body = Api.json(Map.of("events", events));
        String surrogate = body.replace("\"k2\"", "\"k3\"").replace("【客户反馈】", "\\ud800");

        APIGatewayV2HTTPResponse r = post(body, bot, 200);
        assertEquals(2, Api.body(r).get("accepted").asInt(), r.getBody());
        assertEquals(7, Api.body(r).get("rejected").size(), r.getBody());
        assertTrue(table.get(Keys.message(ORG, "api", "k1")).isPresent(), "the text is kept in the table");
        post(surrogate, bot, 200);
        post(body, bot, 200); // a redelivery: duplicates
        assertNoLeak(List.of(bot));
    }

    /**
     * The request line is a CloudWatch embedded-metric-format record: namespace, dimensions that are fields of the
     * line, and every metric it names present as a number, the events counted as the answer counts them.
     */
    @Test
    void theRequestLineCarriesItsMetrics() throws Exception {
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(message("m1", "li", "east", marker()));
        events.add(message("m2", "wang", "east", marker()));
        events.add(message("m3", "li", "west", marker()));
        int before = capture.requestLines.size();
        post(Api.json(Map.of("events", events)), bot, 200);
        String line = capture.requestLines.subList(before, capture.requestLines.size()).stream()
                .filter(l -> l.contains("\"function\":\"ingest\"")).findFirst().orElseThrow();
        com.fasterxml.jackson.databind.JsonNode record = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(line.substring(line.indexOf('{'), line.indexOf(" | ")));
        com.fasterxml.jackson.databind.JsonNode directive = record.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals("Headcount", directive.get("Namespace").asText());
        assertTrue(record.get("_aws").get("Timestamp").isNumber());
        for (com.fasterxml.jackson.databind.JsonNode dimensions : directive.get("Dimensions")) {
            for (com.fasterxml.jackson.databind.JsonNode dimension : dimensions) {
                assertTrue(record.get(dimension.asText()).isTextual(), dimension + " is a field of " + line);
            }
        }
        List<String> names = new ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode metric : directive.get("Metrics")) {
            names.add(metric.get("Name").asText());
            assertTrue(record.get(metric.get("Name").asText()).isNumber(), metric + " has a value in " + line);
        }
        assertTrue(names.containsAll(List.of("Latency", "StoreCalls", "EventsAccepted", "EventsRejected")), line);
        assertEquals(2, record.get("EventsAccepted").asInt());
        assertEquals(0, record.get("EventsDuplicate").asInt());
        assertEquals(1, record.get("EventsRejected").asInt());
        assertEquals("OK", record.get("outcome").asText());
    }

    @Test
    void nativePayloadsLogNoText() {
        long ts = t0.getEpochSecond();
        APIGatewayV2HTTPResponse r = post(slackPayload(CHANNEL, ts + ".000100", marker()), bot, 200);
        assertEquals(1, Api.body(r).get("accepted").asInt(), r.getBody());
        r = post(slackPayload("CUNLINKED1", ts + ".000200", marker()), bot, 200);
        assertEquals(1, Api.body(r).get("rejected").size(), r.getBody());
        post(slackPayload(CHANNEL, "not-a-ts", marker()), bot, 422);
        String challenge = marker().replace(' ', '-');
        r = post("{\"token\":\"t\",\"challenge\":\"" + challenge + "\",\"type\":\"url_verification\"}", bot, 200);
        assertEquals(challenge, Api.body(r).get("challenge").asText());
        assertNoLeak(List.of(bot));
    }

    @Test
    void refusedBodiesLogNoText() {
        String event = Api.json(message("b1", "li", "east", marker()));
        post("{\"events\":[" + event + "," + "\"" + marker() + "x".repeat(IngestFunction.MAX_BODY_BYTES), bot, 413);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(Api.json(message("m" + i, "li", "east", marker())));
        }
        post("{\"events\":[" + String.join(",", many) + "]}", bot, 413);
        post("{\"events\":[" + event.substring(0, event.length() - 3), bot, 400);
        post("{\"events\":[" + event + "],\"events\":[" + event + "]}", bot, 400);
        post("{\"events\":[" + event + "],\"" + marker().replace(' ', '_') + "\":1}", bot, 422);
        post("{\"" + marker() + "\":\"" + marker() + "\"}", bot, 422);
        post("{\"events\":" + event + "}", bot, 422);
        ByteArrayOutputStream invalid = new ByteArrayOutputStream();
        invalid.writeBytes(("{\"events\":[{\"text\":\"" + marker()).getBytes(StandardCharsets.UTF_8));
        invalid.write(0xFF);
        invalid.writeBytes("\"}]}".getBytes(StandardCharsets.UTF_8));
        postBase64(invalid.toByteArray(), 400);
        postBase64(("{\"events\":[" + event + "]} " + marker()).getBytes(StandardCharsets.UTF_8), 400);

        // Outsiders: the text in their bodies is not logged either, and neither is their token.
        String member = StoreResource.tokens().mint("member", ORG, "li", 600);
        String otherBot = StoreResource.tokens().mint("bot", "elsewhere", "connector", 600);
        String expired = StoreResource.tokens().mint("bot", ORG, "connector", -120);
        post("{\"events\":[" + event + "]}", null, 401);
        post("{\"events\":[" + event + "]}", expired, 401);
        post("{\"events\":[" + event + "]}", member, 403);
        post("{\"events\":[" + event + "]}", otherBot, 403);
        assertFalse(table.get(Keys.message(ORG, "api", "b1")).isPresent());
        assertNoLeak(List.of(bot, member, otherBot, expired));
    }

    @Test
    void aStoreFailureLogsNoText() {
        String body = Api.json(Map.of("events", List.of(message("s1", "li", "east", marker()),
                message("s2", "wang", "east", marker()))));
        StoreResource.proxy().failAfter(0, Fault.DROP);
        APIGatewayV2HTTPResponse r = post(body, bot, 503);
        assertEquals("STORE_UNAVAILABLE", Api.body(r).get("error").asText());
        StoreResource.proxy().failAfter(0, Fault.THROTTLE);
        post(body, bot, 503);
        // Failing half-way, after the reads: the first message's transaction or the second's fails.
        StoreResource.proxy().failAfter(3, Fault.DROP);
        post(body, bot, 503);
        StoreResource.proxy().heal();
        r = post(body, bot, 200);
        assertEquals(2, Api.body(r).get("accepted").asInt() + Api.body(r).get("duplicates").asInt(), r.getBody());
        assertTrue(capture.requestLines.stream().anyMatch(l -> l.contains("STORE_UNAVAILABLE")), "the failures were"
                + " logged: " + capture.requestLines);
        assertNoLeak(List.of(bot));
    }
}
