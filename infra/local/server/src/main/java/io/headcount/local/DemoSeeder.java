package io.headcount.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headcount.localkit.Tokens;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.stream.Collectors;

/**
 * Seeds the demo org through the same routes and function code as real traffic: members and groups are PUT with an
 * admin token, seats are taken with the join route and a bot token, so every record passes the same validation and
 * conditional writes. An org that already has groups is left as it is, so restarting against a kept emulator
 * duplicates nothing.
 */
@ApplicationScoped
public class DemoSeeder {
    private static final String REQUEST_LOG = "headcount.request";
    /** Requests in flight while seeding; the emulator serves one at a time, the rest overlap with it. */
    static final int PARALLELISM = 4;

    private final LocalApi api;

    DemoSeeder(LocalApi api) {
        this.api = api;
    }

    /** What the org looks like after {@link #seed}; {@code seeded} is false when it had groups already. */
    public record Outcome(String org, boolean seeded, int members, int joins, Map<String, Integer> decisions,
            List<JsonNode> groups, long millis) {

        public List<JsonNode> fullWithWaitlist() {
            return groups.stream().filter(g -> members(g) == cap(g) && g.path("waitlist").asInt() > 0).toList();
        }

        public List<JsonNode> overCap() {
            return groups.stream().filter(g -> members(g) > cap(g)).toList();
        }

        public List<JsonNode> nearCap() {
            return groups.stream().filter(g -> members(g) < cap(g) && cap(g) - members(g) <= 2).toList();
        }

        /** One line for the console. */
        public String summary() {
            String fill = "; full with waitlist: " + describe(fullWithWaitlist())
                    + "; over cap: " + describe(overCap())
                    + "; near cap: " + describe(nearCap());
            if (!seeded) {
                return "demo org '" + org + "' already has " + groups.size() + " groups; left as it is" + fill;
            }
            String outcomes = decisions.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            return String.format("seeded demo org '%s' in %.1f s: %d members, %d groups, %d joins (%s)%s", org,
                    millis / 1000.0, members, groups.size(), joins, outcomes, fill);
        }

        private static String describe(List<JsonNode> groups) {
            if (groups.isEmpty()) {
                return "none";
            }
            return groups.stream().map(g -> g.path("groupId").asText() + " " + members(g) + "/" + cap(g)
                    + (g.path("waitlist").asInt() > 0 ? " +" + g.path("waitlist").asInt() + " waiting" : ""))
                    .collect(Collectors.joining(", "));
        }

        static int members(JsonNode g) {
            return g.path("members").asInt();
        }

        static int cap(JsonNode g) {
            return g.path("cap").asInt();
        }
    }

    /** Seeds {@code data} unless its org has groups already; tokens are minted for that org with {@code tokens}. */
    public Outcome seed(Tokens tokens, DemoData data) {
        long started = System.nanoTime();
        String org = data.org();
        String admin = tokens.mint("admin", org, "local-seed-admin", 3600);
        String bot = tokens.mint("bot", org, "local-seed-bot", 3600);
        List<JsonNode> existing = groups(org, admin);
        if (!existing.isEmpty()) {
            return new Outcome(org, false, 0, 0, Map.of(), existing, 0);
        }
        // 260-odd requests: their one-line request logs would bury the console.
        java.util.logging.Logger requestLog = java.util.logging.Logger.getLogger(REQUEST_LOG);
        Level level = requestLog.getLevel();
        requestLog.setLevel(Level.WARNING);
        Map<String, Integer> decisions = new ConcurrentSkipListMap<>();
        AtomicInteger joins = new AtomicInteger();
        // Groups are seeded side by side, each group's joins in file order. No demo group sends joiners to another
        // group of the file (only sales-lounge overflows, into a group it opens itself), so the outcome is the same
        // as one after the other, while the emulator, which serves one request at a time, is never left idle.
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
        try {
            all(pool, data.members(), m -> {
                ObjectNode body = DemoData.JSON.createObjectNode();
                body.put("name", m.name());
                body.put("function", m.function());
                m.projects().forEach(body.putArray("projects")::add);
                call("PUT", "/orgs/" + org + "/members/" + m.userId(), admin, body, "member " + m.userId());
            });
            all(pool, data.groups(), g -> {
                call("PUT", "/orgs/" + org + "/groups/" + g.groupId(), admin, g.body(), "group " + g.groupId());
                for (String userId : g.join()) {
                    ObjectNode body = DemoData.JSON.createObjectNode().put("userId", userId);
                    JsonNode answer = call("POST", "/orgs/" + org + "/groups/" + g.groupId() + "/join", bot, body,
                            "join of " + userId + " to " + g.groupId());
                    decisions.merge(answer.path("decision").asText("?"), 1, Integer::sum);
                    joins.incrementAndGet();
                }
                if (g.capAfterJoins() != null) {
                    ObjectNode body = g.body().deepCopy().put("cap", g.capAfterJoins());
                    call("PUT", "/orgs/" + org + "/groups/" + g.groupId(), admin, body, "cap of " + g.groupId());
                }
            });
        } finally {
            pool.shutdownNow();
            requestLog.setLevel(level);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new Outcome(org, true, data.members().size(), joins.get(), new TreeMap<>(decisions), groups(org, admin),
                millis);
    }

    /** Runs {@code task} for every item on {@code pool} and waits; the first failure is rethrown. */
    private static <T> void all(ExecutorService pool, List<T> items, Consumer<T> task) {
        List<Future<?>> futures = items.stream().map(item -> pool.submit(() -> task.accept(item))).collect(
                Collectors.toList());
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding the demo org", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Every group of the org, following the list route's pages. */
    private List<JsonNode> groups(String org, String adminToken) {
        List<JsonNode> groups = new ArrayList<>();
        String next = "";
        do {
            String query = next.isEmpty() ? "" : "?after=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
            JsonNode page = call("GET", "/orgs/" + org + "/groups" + query, adminToken, null, "group listing");
            page.path("groups").forEach(groups::add);
            next = page.path("next").asText("");
        } while (!next.isEmpty());
        return groups;
    }

    private JsonNode call(String method, String path, String token, JsonNode body, String what) {
        String json;
        try {
            json = body == null ? null : DemoData.JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        LocalResponse response = api.dispatch(LocalRequest.json(method, path, token, json));
        if (response.status() != 200) {
            throw new IllegalStateException("demo seed: " + what + " (" + method + " " + path + ") answered "
                    + response.status() + " " + response.bodyText());
        }
        try {
            return DemoData.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("demo seed: " + what + " answered no JSON", e);
        }
    }
}
