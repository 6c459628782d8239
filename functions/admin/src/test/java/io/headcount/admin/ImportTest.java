package io.headcount.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.adapters.Attrs;
import io.headcount.adapters.Keys;
import io.headcount.adapters.StoreCalls;
import io.headcount.adapters.Write;
import io.headcount.domain.Member;
import io.headcount.domain.MemberStatus;
import io.headcount.testing.Api;
import io.headcount.testing.Fixtures;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** POST /orgs/{org}/members:import through the real handler, with real tokens, against the emulator. */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class ImportTest extends StoreTest {
    static final String HEADER = "userId,name,function,projects,status,slack,feishu,dingtalk,wecom";

    @Inject
    AdminFunction function;

    String org;
    String admin;

    @BeforeEach
    void setUp() {
        org = Fixtures.newOrg("imp");
        admin = StoreResource.tokens().mint("admin", org, "boss", 600);
    }

    APIGatewayV2HTTPResponse post(String contentType, String body) {
        APIGatewayV2HTTPEvent event = Api.event(AdminFunction.IMPORT_MEMBERS, Map.of("org", org), body, admin);
        event.getHeaders().put("content-type", contentType);
        return function.admin(event);
    }

    JsonNode imported(String contentType, String body) {
        APIGatewayV2HTTPResponse r = post(contentType, body);
        assertEquals(200, r.getStatusCode(), r.getBody());
        return Api.body(r);
    }

    int membersInTable() {
        return table.queryAll(Keys.org(org), "MEMBER#", false).size();
    }

    Optional<String> owner(Keys.Key link) {
        return table.get(link).map(item -> Attrs.str(item, "owner"));
    }

    // ---- the 5,000-row file ----

    /** A generated roster: 4,980 good rows and 20 bad ones, each bad in one way, at known lines and fields. */
    static final class Roster5000 {
        final StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
        /** line -> field of each bad row. */
        final Map<Integer, String> bad = new TreeMap<>();
        final Map<String, Integer> lineOf = new TreeMap<>();
        int line = 2;
        int rows;

        void row(String text) {
            csv.append(text).append("\r\n");
            line += 1 + (int) text.chars().filter(c -> c == '\n').count();
            rows++;
        }

        void badRow(String text, String field) {
            bad.put(line, field);
            row(text);
        }

        static Roster5000 make() {
            Roster5000 r = new Roster5000();
            String[] functions = {"market-expansion", "customer-maintenance", "after-sales"};
            List<String> badRows = List.of(
                    "li lei,李雷,sales,,,,,,|userId",
                    ",无名,sales,,,,,,|userId",
                    "u".repeat(65) + ",长名,sales,,,,,,|userId",
                    "bad-nofunction,没有职能,,,,,,,|function",
                    "bad-space-function,有空格,after sales,,,,,,|function",
                    "bad-chinese-function,中文职能,售后,,,,,,|function",
                    "bad-noname,,sales,,,,,,|name",
                    "bad-blankname,\"   \",sales,,,,,,|name",
                    "bad-longname," + "名".repeat(101) + ",sales,,,,,,|name",
                    "bad-controlname,\"a\u0007b\",sales,,,,,,|name",
                    "bad-status,状态,sales,,RETIRED,,,,|status",
                    "bad-status-case,状态,sales,,left,,,,|status",
                    "m00010,重复,sales,,,,,,|userId",
                    "bad-slack,平台,sales,,,\"" + "U".repeat(129) + "\",,,|slack",
                    "bad-feishu,平台,sales,,,,\"ou_\u0001x\",,|feishu",
                    "bad-wecom-twice,平台,sales,,,,,,WeCom-m00007|wecom",
                    "bad-project,项目,sales,p 1,,,,,|projects",
                    "bad-project-twice,项目,sales,p1;p1,,,,,|projects",
                    "bad-51-projects,项目,sales," + String.join(";", projects(51)) + ",,,,,|projects",
                    "bad-fields,多一列,sales,,,,,,,extra|row");
            int good = 0;
            int badAt = 0;
            for (int i = 0; i < 5_000; i++) {
                if (i % 250 == 120 && badAt < badRows.size()) {
                    String[] spec = badRows.get(badAt++).split("\\|");
                    r.badRow(spec[0], spec[1]);
                    continue;
                }
                String id = String.format("m%05d", good);
                r.lineOf.put(id, r.line);
                String name = good == 3 ? "\"Zhang, \"\"Sam\"\"\nsecond line\"" : "成员" + good;
                String projects = good % 3 == 0 ? "" : "p-" + (good % 7) + (good % 5 == 0 ? ";p-big" : "");
                String status = good % 50 == 0 ? "LEFT" : good % 2 == 0 ? "ACTIVE" : "";
                // Platform ids on some rows only: each takes a transaction write, and the emulator copies the whole
                // table for every one of those (DynamoDB does not).
                String slack = good % 50 == 0 ? "U" + id.toUpperCase() : "";
                String wecom = good % 125 == 7 ? "WeCom-" + id : "";
                r.row(String.join(",", id, name, functions[good % 3], projects, status, slack, "", "", wecom));
                good++;
            }
            return r;
        }

        static List<String> projects(int n) {
            List<String> p = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                p.add("p" + i);
            }
            return p;
        }
    }

    @Test
    void fiveThousandRowsWithTwentyBadOnesAndTheSameFileAgain() {
        Roster5000 file = Roster5000.make();
        assertEquals(5_000, file.rows);
        assertEquals(20, file.bad.size());

        long started = System.nanoTime();
        JsonNode answer = imported("text/csv", file.csv.toString());
        long ms = (System.nanoTime() - started) / 1_000_000;
        Map<String, Integer> calls = StoreCalls.byOperation();
        System.out.printf("IMPORT 5000 rows (4980 new): %d ms, %d DynamoDB requests %s%n", ms, StoreCalls.count(),
                calls);

        assertEquals(5_000, answer.get("rows").asInt());
        assertEquals(4_980, answer.get("upserted").asInt(), answer.toString().substring(0, 300));
        assertEquals(0, answer.get("unchanged").asInt());
        assertEquals(20, answer.get("skipped").asInt());
        JsonNode errors = answer.get("errors");
        assertEquals(20, errors.size(), errors.toString());
        Map<Integer, String> reported = new TreeMap<>();
        for (JsonNode e : errors) {
            reported.put(e.get("row").asInt(), e.get("field").asText());
            assertFalse(e.get("message").asText().isBlank(), e.toString());
        }
        assertEquals(file.bad, reported, "each bad row at its line, with its column");
        JsonNode duplicate = errors.findParents("row").stream().filter(e -> e.get("field").asText().equals("userId")
                && e.hasNonNull("userId") && e.get("userId").asText().equals("m00010")).findFirst().orElseThrow();
        assertTrue(duplicate.get("message").asText().contains("row " + file.lineOf.get("m00010")),
                duplicate.toString());
        assertEquals(13, file.lineOf.get("m00010"), "lines after the two-line name of m00003 are one further on");
        assertEquals(4_980, membersInTable());

        // Row line arithmetic and the stored values, spot-checked.
        Member quoted = fx.storedMember(org, "m00003");
        assertEquals("Zhang, \"Sam\"\nsecond line", quoted.name());
        assertEquals(List.of(), quoted.projects());
        Member left = fx.storedMember(org, "m00050");
        assertEquals(MemberStatus.LEFT, left.status());
        assertEquals(List.of("p-1", "p-big"), left.projects());
        assertEquals("after-sales", left.function());
        assertEquals(Map.of("slack", "UM00050"), left.platformUserIds());
        assertEquals(Optional.of("m00050"), owner(Keys.userLink(org, "slack", "UM00050")));
        assertEquals(Map.of("slack", "UM00250"), fx.storedMember(org, "m00250").platformUserIds());
        assertEquals(Map.of("wecom", "WeCom-m00257"), fx.storedMember(org, "m00257").platformUserIds());
        assertEquals(Optional.of("m00007"), owner(Keys.userLink(org, "wecom", "WeCom-m00007")),
                "the first row that gives a platform id keeps it");
        assertEquals(MemberStatus.ACTIVE, fx.storedMember(org, "m00001").status(), "an empty status is ACTIVE");
        assertEquals(0, fx.storedMember(org, "m04979").groupCount());
        assertEquals(1, Attrs.num(table.get(Keys.member(org, "m04979")).orElseThrow(), "version"));

        String snapshot = fx.snapshot();
        started = System.nanoTime();
        JsonNode again = imported("text/csv", file.csv.toString());
        ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("IMPORT the same 5000 rows again: %d ms, %d DynamoDB requests %s%n", ms, StoreCalls.count(),
                StoreCalls.byOperation());
        assertEquals(0, again.get("upserted").asInt());
        assertEquals(4_980, again.get("unchanged").asInt());
        assertEquals(20, again.get("errors").size());
        assertEquals(Map.of("BatchGetItem", 50), StoreCalls.byOperation(), "reads only: 100 members per request");
        assertEquals(snapshot, fx.snapshot(), "nothing written");
    }

    // ---- what an import keeps and replaces ----

    @Test
    void anExistingMemberKeepsItsSeatCountWhenItsFunctionChanges() {
        fx.member(org, "li.lei", "sales", List.of("p1"));
        table.update(Write.update(Keys.member(org, "li.lei"), "SET #groupCount = :n").value(":n", 3));
        fx.member(org, "han.mei", "sales", List.of());

        JsonNode answer = imported("text/csv; charset=utf-8", HEADER + "\nli.lei,李雷,after-sales,p2,,U1,,,\n"
                + "han.mei,成员 han.mei,sales,,ACTIVE,,,,\n");
        assertEquals(1, answer.get("upserted").asInt(), answer.toString());
        assertEquals(1, answer.get("unchanged").asInt(), "han.mei is already as the file says");
        Member li = fx.storedMember(org, "li.lei");
        assertEquals(3, li.groupCount(), "seats are not the file's to set");
        assertEquals("after-sales", li.function());
        assertEquals(List.of("p2"), li.projects());
        assertEquals(Map.of("slack", "U1"), li.platformUserIds());
        assertEquals(Optional.of("li.lei"), owner(Keys.userLink(org, "slack", "U1")));

        imported("text/csv", HEADER + "\nli.lei,李雷,after-sales,p2,LEFT,,,,\n");
        li = fx.storedMember(org, "li.lei");
        assertEquals(MemberStatus.LEFT, li.status());
        assertEquals(3, li.groupCount());
        assertEquals(Map.of(), li.platformUserIds());
        assertEquals(Optional.empty(), owner(Keys.userLink(org, "slack", "U1")), "a platform id dropped is released");
    }

    @Test
    void aJsonRosterWorksAndNumbersItsMembersFromOne() {
        fx.memberOnPlatforms(org, "owner", Map.of("slack", "UTAKEN"));
        fx.memberOnPlatforms(org, "mover", Map.of("slack", "UOLD"));
        Map<String, Object> good = new LinkedHashMap<>();
        good.put("userId", "li.lei");
        good.put("name", "李雷");
        good.put("function", "sales");
        good.put("projects", List.of("p1", "p2"));
        good.put("platformUserIds", Map.of("feishu", "ou_1", "wecom", "LiLei"));
        Map<String, Object> noFunction = new LinkedHashMap<>(good);
        noFunction.put("userId", "han.mei");
        noFunction.remove("function");
        noFunction.put("platformUserIds", Map.of());
        Map<String, Object> taken = Map.of("userId", "thief", "name", "贼", "function", "sales",
                "platformUserIds", Map.of("slack", "UTAKEN"));
        Map<String, Object> moved = Map.of("userId", "mover", "name", "成员 mover", "function", "sales",
                "status", "LEFT", "platformUserIds", Map.of("slack", "UNEW"));
        JsonNode answer = imported("application/json", Api.json(Map.of("members",
                List.of(good, noFunction, taken, moved))));

        assertEquals(4, answer.get("rows").asInt());
        assertEquals(2, answer.get("upserted").asInt(), answer.toString());
        assertEquals(2, answer.get("errors").size(), answer.toString());
        JsonNode first = answer.get("errors").get(0);
        assertEquals(2, first.get("row").asInt());
        assertEquals("han.mei", first.get("userId").asText());
        assertEquals("function", first.get("field").asText());
        JsonNode second = answer.get("errors").get(1);
        assertEquals(3, second.get("row").asInt());
        assertEquals("platformUserIds.slack", second.get("field").asText());
        assertTrue(second.get("message").asText().contains("owner"), second.toString());

        Member li = fx.storedMember(org, "li.lei");
        assertEquals(List.of("p1", "p2"), li.projects());
        assertEquals(Map.of("feishu", "ou_1", "wecom", "LiLei"), li.platformUserIds());
        assertEquals(Optional.of("li.lei"), owner(Keys.userLink(org, "wecom", "LiLei")));
        assertTrue(table.get(Keys.member(org, "han.mei")).isEmpty());
        assertTrue(table.get(Keys.member(org, "thief")).isEmpty());
        assertEquals(Optional.of("owner"), owner(Keys.userLink(org, "slack", "UTAKEN")));
        Member mover = fx.storedMember(org, "mover");
        assertEquals(MemberStatus.LEFT, mover.status());
        assertEquals(Map.of("slack", "UNEW"), mover.platformUserIds());
        assertEquals(Optional.of("mover"), owner(Keys.userLink(org, "slack", "UNEW")));
        assertEquals(Optional.empty(), owner(Keys.userLink(org, "slack", "UOLD")));
    }

    @Test
    void aTransactionThatCannotBeWrittenCostsOnlyTheRowsThatFail() {
        // A member whose platform id link belongs to someone else (data from before links were kept in step): moving
        // that id away must not delete another member's link, so the import's transaction is cancelled and redone
        // member by member, and only this member's row fails.
        fx.memberOnPlatforms(org, "someone", Map.of("slack", "USHARED"));
        table.update(Write.update(Keys.member(org, "stale"), "SET #userId = :u, #name = :n, #function = :f, "
                + "#projects = :p, #platformUserIds = :ids, #status = :s, #groupCount = :z, #version = :one")
                .value(":u", "stale").value(":n", "旧").value(":f", "sales").value(":p", Attrs.list(List.of()))
                .value(":ids", Attrs.map(Map.of("slack", "USHARED"))).value(":s", "ACTIVE").value(":z", 0)
                .value(":one", 1));

        JsonNode answer = imported("text/csv", HEADER + "\na,甲,sales,,,UA,,,\nstale,旧,sales,,,UNEW,,,\n"
                + "b,乙,sales,,,UB,,,\n");
        assertEquals(2, answer.get("upserted").asInt(), answer.toString());
        JsonNode error = answer.get("errors").get(0);
        assertEquals(3, error.get("row").asInt());
        assertEquals("stale", error.get("userId").asText());
        assertEquals("slack", error.get("field").asText());
        assertEquals(Optional.of("a"), owner(Keys.userLink(org, "slack", "UA")));
        assertEquals(Optional.of("b"), owner(Keys.userLink(org, "slack", "UB")));
        assertEquals(Optional.of("someone"), owner(Keys.userLink(org, "slack", "USHARED")));
        assertEquals(Optional.empty(), owner(Keys.userLink(org, "slack", "UNEW")));
        assertEquals(Map.of("slack", "USHARED"), fx.storedMember(org, "stale").platformUserIds());
    }

    // ---- refused whole ----

    static String rows(int n) {
        StringBuilder csv = new StringBuilder("userId,name,function\n");
        for (int i = 0; i < n; i++) {
            csv.append("u").append(i).append(",成员,sales\n");
        }
        return csv.toString();
    }

    static Stream<Arguments> refusedWhole() {
        return Stream.of(
                Arguments.of("5,001 rows", "text/csv", rows(5_001), 413, "PAYLOAD_TOO_LARGE"),
                Arguments.of("5,001 JSON members", "application/json", "{\"members\":["
                        + String.join(",", java.util.Collections.nCopies(5_001, "{\"userId\":\"u\"}")) + "]}", 413,
                        "PAYLOAD_TOO_LARGE"),
                Arguments.of("over 2 MB", "text/csv", "userId,name\n" + "u,".repeat(1_100_000), 413,
                        "PAYLOAD_TOO_LARGE"),
                Arguments.of("unterminated quote", "text/csv", "userId,name,function\nu1,\"成员,sales\nu2,成员,sales\n",
                        400, "MALFORMED_REQUEST"),
                Arguments.of("stray quote", "text/csv", "userId,name,function\nu1,成\"员,sales\n", 400,
                        "MALFORMED_REQUEST"),
                Arguments.of("no userId column", "text/csv", "name,function\n成员,sales\n", 400, "MALFORMED_REQUEST"),
                Arguments.of("empty file", "text/csv", "", 400, "MALFORMED_REQUEST"),
                Arguments.of("unknown column", "text/csv", "userId,name,function,email\nu1,成员,sales,a@b.c\n", 422,
                        "INVALID_INPUT"),
                Arguments.of("wrong content type", "text/plain", rows(3), 400, "MALFORMED_REQUEST"),
                Arguments.of("form content type (curl -d)", "application/x-www-form-urlencoded", rows(3), 400,
                        "MALFORMED_REQUEST"),
                Arguments.of("CSV sent as JSON", "application/json", rows(3), 400, "MALFORMED_REQUEST"),
                Arguments.of("not UTF-8", "text/csv; charset=GB18030", rows(3), 400, "MALFORMED_REQUEST"),
                Arguments.of("malformed JSON", "application/json", "{\"members\":[{\"userId\":", 400,
                        "MALFORMED_REQUEST"),
                Arguments.of("JSON unknown field", "application/json",
                        "{\"members\":[{\"userId\":\"u1\",\"name\":\"成员\",\"function\":\"sales\",\"groupCount\":9}]}",
                        422, "INVALID_INPUT"));
    }

    @ParameterizedTest(name = "{0} -> {3}")
    @MethodSource("refusedWhole")
    void isRefusedWholeWithTheJsonErrorAndWritesNothing(String name, String contentType, String body, int status,
            String code) {
        fx.member(org, "u1", "after-sales", List.of());
        String before = fx.snapshot();
        APIGatewayV2HTTPResponse r = post(contentType, body);
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals("application/json; charset=utf-8", r.getHeaders().get("Content-Type"));
        JsonNode error = Api.body(r);
        assertEquals(code, error.get("error").asText(), r.getBody());
        assertTrue(error.get("message").asText().length() > 5, r.getBody());
        assertTrue(r.getBody().length() < 1024, "the error does not echo the file back");
        assertEquals(before, fx.snapshot(), "nothing written");
    }

    @Test
    void invalidUtf8IsRefused() {
        fx.member(org, "u1", "sales", List.of());
        String before = fx.snapshot();
        byte[] bytes = "userId,name,function\nu2,\u0000,sales\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 8] = (byte) 0xC0; // the NUL becomes a byte that never occurs in UTF-8
        APIGatewayV2HTTPEvent event = Api.event(AdminFunction.IMPORT_MEMBERS, Map.of("org", org),
                Base64.getEncoder().encodeToString(bytes), admin);
        event.setIsBase64Encoded(true);
        event.getHeaders().put("content-type", "text/csv");
        APIGatewayV2HTTPResponse r = function.admin(event);
        assertEquals(400, r.getStatusCode(), r.getBody());
        assertEquals("MALFORMED_REQUEST", Api.body(r).get("error").asText());
        assertEquals(before, fx.snapshot());
    }

    @Test
    void aMemberOrAnotherOrgsAdminMayNotImport() {
        String before = fx.snapshot();
        for (String token : List.of(StoreResource.tokens().mint("member", org, "u1", 600),
                StoreResource.tokens().mint("bot", org, "connector", 600),
                StoreResource.tokens().mint("admin", "elsewhere", "boss", 600))) {
            APIGatewayV2HTTPEvent event = Api.event(AdminFunction.IMPORT_MEMBERS, Map.of("org", org), rows(2), token);
            event.getHeaders().put("content-type", "text/csv");
            APIGatewayV2HTTPResponse r = function.admin(event);
            assertEquals(403, r.getStatusCode(), r.getBody());
            assertEquals("FORBIDDEN", Api.body(r).get("error").asText());
        }
        APIGatewayV2HTTPEvent anonymous = Api.event(AdminFunction.IMPORT_MEMBERS, Map.of("org", org), rows(2), null);
        anonymous.getHeaders().put("content-type", "text/csv");
        assertEquals(401, function.admin(anonymous).getStatusCode());
        assertEquals(before, fx.snapshot());
        assertNull(table.get(Keys.member(org, "u0")).orElse(null));
    }
}
