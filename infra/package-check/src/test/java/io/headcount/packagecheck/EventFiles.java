package io.headcount.packagecheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

/**
 * The events of infra/events, as `sam local invoke -e` sends them. They carry two placeholders, because a token
 * cannot be committed and a chat event older than the retention window is refused: {@code ${TOKEN}} and
 * {@code ${NOW}} (infra/events/README.md fills them with sed).
 */
final class EventFiles {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "${TOKEN}";
    static final String NOW = "${NOW}";

    private final Path dir;

    EventFiles(Path dir) {
        this.dir = dir;
    }

    List<String> names() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    String raw(String name) {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(name), e);
        }
    }

    JsonNode json(String name) {
        try {
            return JSON.readTree(raw(name));
        } catch (IOException e) {
            throw new UncheckedIOException(name + " is not JSON", e);
        }
    }

    /** The route key of an API Gateway event, or null for any other event (a schedule's input). */
    String routeKey(String name) {
        JsonNode routeKey = json(name).get("routeKey");
        return routeKey == null ? null : routeKey.asText();
    }

    /**
     * The event with its placeholders filled: a token (null leaves the Authorization header out, as a caller
     * without one would) and the time: a redelivery is the same event, so one run fills in one time.
     */
    String filled(String name, String token, Instant now) {
        String event = raw(name).replace(NOW, now.truncatedTo(ChronoUnit.SECONDS).toString());
        if (token != null) {
            return event.replace(TOKEN, token);
        }
        try {
            ObjectNode json = (ObjectNode) JSON.readTree(event);
            if (!(json.get("headers") instanceof ObjectNode headers)) {
                return event; // a schedule's input carries no token
            }
            headers.remove("authorization");
            return JSON.writeValueAsString(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
