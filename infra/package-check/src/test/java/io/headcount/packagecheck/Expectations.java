package io.headcount.packagecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * What each event of infra/events must answer, per function module, in the order they run against one
 * {@link DemoSlice}: the status, and the contract's field names and values in the body. Every function also gets
 * one request without a token (401) and one with a role that may not use the route (403).
 */
final class Expectations {

    /** What the events of one function's run answered so far, by event file. */
    static final class Run {
        private final Map<String, JsonNode> bodies = new HashMap<>();
        private final Instant now = Instant.now();

        /** The time that fills ${NOW} in this run's events. */
        Instant now() {
            return now;
        }

        JsonNode body(String event) {
            JsonNode body = bodies.get(event);
            if (body == null) {
                throw new AssertionError(event + " has not answered yet in this run");
            }
            return body;
        }

        void keep(String event, JsonNode body) {
            bodies.put(event, body);
        }
    }

    interface Check {
        void check(JsonNode body, Run run);
    }

    interface Adjust {
        String apply(String event, Run run);
    }

    /**
     * One invocation: an event file, the token it is sent with (role and subject), and what must come back.
     * {@code status} 0 means a scheduled event, answered with a run report instead of an HTTP response.
     */
    record Expected(String event, String role, String subject, int status, Adjust adjust, Check check) {
        Expected then(Adjust change) {
            return new Expected(event, role, subject, status, change, check);
        }
    }

    /** A request with a valid token of the org whose role may not use the route: 403 FORBIDDEN. */
    record Forbidden(String event, String role, String subject) {
    }

    record OfFunction(String module, List<Expected> events, Forbidden forbidden) {
    }

    static final String ADMIN = "admin";
    static final String BOT = "bot";
    static final String MEMBER = "member";

    private static Expected http(String event, String role, Check check) {
        return new Expected(event, role, role + "-caller", 200, (e, run) -> e, check);
    }

    private static Expected scheduled(String event, Check check) {
        return new Expected(event, null, null, 0, (e, run) -> e, check);
    }

    static LocalDate today() {
        return LocalDate.now(DemoSlice.ZONE);
    }

    static final Map<String, OfFunction> BY_MODULE = Map.of(
            "join-check", new OfFunction("join-check", List.of(
                    http("join-check-join.json", BOT, (b, run) -> {
                        assertEquals("ADMITTED", b.path("decision").asText(), b.toString());
                        assertEquals(DemoSlice.GROUP, b.path("groupId").asText());
                        assertTrue(b.path("message").asText().contains("李明"), "the welcome names the joiner: " + b);
                    }),
                    // Lambda retries a failed invocation and connectors retry requests: the same answer, one seat.
                    http("join-check-join.json", BOT, (b, run) ->
                            assertEquals(run.body("join-check-join.json").path("decision").asText(),
                                    b.path("decision").asText(), b.toString())),
                    http("join-check-seats.json", BOT, (b, run) -> {
                        assertEquals(DemoSlice.GROUP, b.path("groupId").asText());
                        assertEquals(15, b.path("cap").asInt());
                        assertEquals(DemoSlice.SEATED.size() + 1, b.path("members").asInt(), b.toString());
                        assertEquals(15 - DemoSlice.SEATED.size() - 1, b.path("free").asInt());
                        assertEquals(0, b.path("waitlist").asInt());
                    }),
                    http("join-check-leave.json", BOT, (b, run) -> assertTrue(b.path("left").asBoolean(), b.toString()))),
                    // A member may only join for themselves.
                    new Forbidden("join-check-join.json", MEMBER, "ren.yiming")),

            "admin", new OfFunction("admin", List.of(
                    http("admin-put-group.json", ADMIN, (b, run) -> {
                        assertGroupView(b);
                        assertEquals("me-huabei", b.path("groupId").asText());
                        assertEquals("华北市场拓展群", b.path("name").asText());
                        assertEquals("ACTIVE", b.path("status").asText());
                        assertEquals(0, b.path("members").asInt());
                    }),
                    http("admin-get-group.json", ADMIN, (b, run) -> {
                        assertGroupView(b);
                        assertEquals(run.body("admin-put-group.json"), b, "reads what was written");
                    }),
                    http("admin-list-groups.json", ADMIN, (b, run) -> {
                        List<String> ids = new ArrayList<>();
                        b.path("groups").forEach(g -> {
                            assertGroupView(g);
                            ids.add(g.path("groupId").asText());
                        });
                        assertEquals(Set.of("me-huabei", DemoSlice.GROUP), Set.copyOf(ids), b.toString());
                    }),
                    http("admin-put-member.json", ADMIN, (b, run) -> {
                        assertEquals(DemoSlice.JOINER, b.path("userId").asText(), b.toString());
                        assertEquals("李明", b.path("name").asText());
                        assertEquals("market-expansion", b.path("function").asText());
                        assertEquals("LiMing", b.path("platformUserIds").path("wecom").asText(), b.toString());
                    }),
                    http("admin-get-member.json", ADMIN, (b, run) ->
                            assertEquals(run.body("admin-put-member.json"), b, "reads what was written")),
                    http("admin-put-connector.json", ADMIN, (b, run) -> {
                        assertEquals("slack", b.path("platform").asText(), b.toString());
                        assertEquals(List.of("signingSecret"), texts(b.path("configured")));
                        assertFalse(b.toString().contains("replace-with-your-slack-signing-secret"),
                                "a secret is never answered: " + b);
                    }),
                    http("admin-get-connector.json", ADMIN, (b, run) ->
                            assertEquals(run.body("admin-put-connector.json"), b)),
                    http("admin-put-policy.json", ADMIN, (b, run) -> {
                        assertEquals(30, b.path("inactivityDays").asInt(), b.toString());
                        assertEquals(7, b.path("noticeDays").asInt());
                        assertEquals("zh-CN", b.path("language").asText());
                        assertEquals(15, b.path("cap").asInt());
                    }),
                    http("admin-get-policy.json", ADMIN, (b, run) -> assertEquals(run.body("admin-put-policy.json"), b)),
                    http("admin-put-webhook.json", ADMIN, (b, run) -> {
                        assertEquals("me-huabei", b.path("groupId").asText(), b.toString());
                        assertEquals("wecom", b.path("platform").asText());
                        assertEquals("qyapi.weixin.qq.com", b.path("host").asText());
                        assertFalse(b.toString().contains("replace-with-your-robot-key"), "the robot key is a secret");
                    }),
                    http("admin-get-webhook.json", ADMIN, (b, run) -> assertEquals(run.body("admin-put-webhook.json"), b)),
                    http("admin-import-members.json", ADMIN, (b, run) -> {
                        assertEquals(2, b.path("rows").asInt(), b.toString());
                        assertEquals(2, b.path("upserted").asInt(), b.toString());
                        assertEquals(0, b.path("errors").size(), b.toString());
                    }),
                    http("admin-archive-group.json", ADMIN, (b, run) -> {
                        assertEquals("me-huabei", b.path("groupId").asText(), b.toString());
                        assertEquals("ARCHIVED", b.path("status").asText());
                    })),
                    new Forbidden("admin-get-group.json", MEMBER, "zheng.lin")),

            "ingest", new OfFunction("ingest", List.of(
                    http("ingest-events.json", BOT, (b, run) -> {
                        assertEquals(3, b.path("accepted").asInt(), b.toString());
                        assertEquals(0, b.path("duplicates").asInt());
                        assertEquals(0, b.path("rejected").size());
                    }),
                    // A redelivered batch is kept once.
                    http("ingest-events.json", BOT, (b, run) -> {
                        assertEquals(0, b.path("accepted").asInt(), b.toString());
                        assertEquals(3, b.path("duplicates").asInt());
                        assertEquals(0, b.path("rejected").size());
                    })),
                    new Forbidden("ingest-events.json", MEMBER, "zheng.lin")),

            "summarize", new OfFunction("summarize", List.of(
                    http("summarize-group-day.json", ADMIN, (b, run) -> {
                        assertEquals(DemoSlice.GROUP, b.path("groupId").asText(), b.toString());
                        assertEquals("day", b.path("period").asText());
                        assertEquals(today().toString(), b.path("date").asText());
                        assertEquals(DemoSlice.MESSAGES, b.path("messages").asInt(), b.toString());
                        assertEquals(DemoSlice.SEATED.size(), b.path("activeMembers").asInt());
                        assertEquals(1, b.path("questions").path("asked").asInt(), b.toString());
                        assertEquals(1, b.path("questions").path("answered").asInt());
                        assertTrue(b.path("questions").path("open").isArray());
                        assertTrue(b.path("firstResponse").has("medianSeconds"), b.toString());
                        assertTrue(b.path("health").path("score").isNumber(), b.toString());
                        assertTrue(b.path("topics").isArray());
                        assertFalse(b.path("text").asText().isBlank());
                    }),
                    http("summarize-org-day.json", ADMIN, (b, run) -> {
                        assertEquals("day", b.path("period").asText(), b.toString());
                        assertEquals(today().toString(), b.path("date").asText());
                        assertEquals(List.of(DemoSlice.GROUP), texts(b.path("groups"), "groupId"), b.toString());
                        assertEquals(run.body("summarize-group-day.json").path("health").path("score"),
                                b.path("groups").path(0).path("score"), "the roll-up ranks by the digest's health");
                    }),
                    scheduled("summarize-daily.json", (b, run) -> {
                        assertEquals("daily-digest", b.path("job").asText(), b.toString());
                        assertEquals(1, b.path("orgs").asInt());
                        assertEquals(1, b.path("digests").asInt(), b.toString());
                        assertEquals(0, b.path("failed").size(), b.toString());
                    })),
                    new Forbidden("summarize-org-day.json", MEMBER, "zheng.lin")),

            "score-reward", new OfFunction("score-reward", List.of(
                    http("score-reward-leaderboard.json", ADMIN, (b, run) -> {
                        assertEquals("week", b.path("period").asText(), b.toString());
                        assertFalse(b.path("date").asText().isEmpty());
                        assertFalse(b.path("entries").isEmpty(), b.toString());
                        for (JsonNode e : b.path("entries")) {
                            for (String field : List.of("rank", "userId", "points", "badges", "breakdown")) {
                                assertTrue(e.has(field), field + " in " + e);
                            }
                        }
                        // The answer (3) and its speed (2) outweigh a tagged case or feedback.
                        assertEquals("xia.chunyan", b.path("entries").path(0).path("userId").asText(), b.toString());
                        assertEquals(Set.copyOf(DemoSlice.SEATED), Set.copyOf(texts(b.path("entries"), "userId")));
                    }),
                    http("score-reward-member-score.json", ADMIN, (b, run) -> {
                        assertEquals("week", b.path("period").asText(), b.toString());
                        assertEquals(run.body("score-reward-leaderboard.json").path("entries").path(0), b.path("score"),
                                "the member's line of the leaderboard");
                    }),
                    scheduled("score-weekly.json", (b, run) -> {
                        assertEquals("weekly-scores", b.path("job").asText(), b.toString());
                        assertEquals(1, b.path("orgs").asInt());
                        assertEquals(0, b.path("failed").size(), b.toString());
                    })),
                    // Leaderboards are for people; the chat connector has no business reading them.
                    new Forbidden("score-reward-leaderboard.json", BOT, "connector")),

            "regroup", new OfFunction("regroup", List.of(
                    http("regroup-plan.json", ADMIN, (b, run) -> {
                        assertTrue(b.path("planId").asText().matches("\\d{8}T\\d{6}-[0-9a-f]{10}"), b.toString());
                        assertEquals("PROPOSED", b.path("status").asText());
                        assertTrue(b.path("operations").isArray(), b.toString());
                    }),
                    http("regroup-get-plan.json", ADMIN, (b, run) -> {
                        assertEquals(run.body("regroup-plan.json").path("planId"), b.path("planId"), b.toString());
                        assertTrue(b.path("operations").isArray());
                    }).then((event, run) -> event.replace("20261130T020000-0123456789",
                            run.body("regroup-plan.json").path("planId").asText())),
                    http("regroup-list-plans.json", ADMIN, (b, run) ->
                            assertTrue(texts(b.path("plans"), "planId")
                                    .contains(run.body("regroup-plan.json").path("planId").asText()), b.toString())),
                    scheduled("regroup-weekly.json", (b, run) -> {
                        assertEquals("weekly-regroup", b.path("job").asText(), b.toString());
                        assertEquals(1, b.path("orgs").asInt());
                    })),
                    new Forbidden("regroup-plan.json", MEMBER, "zheng.lin")));

    /** The listing fields of a group (GET /orgs/{org}/groups in the contract). */
    static void assertGroupView(JsonNode g) {
        for (String field : List.of("groupId", "name", "kind", "key", "status", "cap", "minSize", "members", "free")) {
            assertTrue(g.has(field), field + " in " + g);
        }
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    static List<String> texts(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.path(field).asText()).toList();
    }

    private Expectations() {
    }
}
