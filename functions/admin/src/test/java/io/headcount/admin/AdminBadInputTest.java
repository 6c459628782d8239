package io.headcount.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.domain.GroupKind;
import io.headcount.domain.OverflowMode;
import io.headcount.testing.Api;
import io.headcount.testing.StoreResource;
import io.headcount.testing.StoreTest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to PUT group and PUT member gets the JSON error with the right status and code, names the field when
 * a value is invalid, and writes nothing.
 */
@QuarkusTest
@QuarkusTestResource(StoreResource.class)
class AdminBadInputTest extends StoreTest {
    static final String ORG = "bad";
    static final String LONG_ID = "x".repeat(65);
    static final String GROUP = AdminFunction.PUT_GROUP;
    static final String MEMBER = AdminFunction.PUT_MEMBER;

    @Inject
    AdminFunction function;


    @BeforeEach
    void setUp() {
        fx.group(ORG, "g", GroupKind.FUNCTION, "sales", 5, OverflowMode.DENY);
        fx.member(ORG, "u1", "sales", List.of());
    }

    /** A valid group body (it would rename the fixture group), to be spoiled one field at a time. */
    static Map<String, Object> group() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", "华东销售群");
        spec.put("kind", "FUNCTION");
        spec.put("key", "sales");
        spec.put("cap", 15);
        spec.put("admins", List.of("boss"));
        return spec;
    }

    /** A valid member body (it would rename the fixture member). */
    static Map<String, Object> member() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", "张三");
        spec.put("function", "market-expansion");
        spec.put("projects", List.of("p1"));
        spec.put("platformUserIds", Map.of("slack", "U024BE7LH"));
        return spec;
    }

    static String groupWith(Consumer<Map<String, Object>> change) {
        Map<String, Object> spec = group();
        change.accept(spec);
        return json(spec);
    }

    static String memberWith(Consumer<Map<String, Object>> change) {
        Map<String, Object> spec = member();
        change.accept(spec);
        return json(spec);
    }

    static String json(Object value) {
        try {
            return Api.JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static final int MALFORMED = 400;
    static final int TOO_LARGE = 413;
    static final int INVALID = 422;

    static Stream<Arguments> cases() {
        String valid = json(group());
        String validMember = json(member());
        List<String> fiftyOne = IntStream.range(0, 51).mapToObj(i -> "p" + i).toList();
        List<String> twentyOne = IntStream.range(0, 21).mapToObj(i -> "a" + i).toList();
        return Stream.of(
                // ---- PUT group: not JSON, or not an object ----
                body(GROUP, "malformed JSON", "{", MALFORMED, null),
                body(GROUP, "not JSON at all", "not json", MALFORMED, null),
                body(GROUP, "empty body", "", MALFORMED, null),
                body(GROUP, "no body", null, MALFORMED, null),
                body(GROUP, "JSON null", "null", MALFORMED, null),
                body(GROUP, "trailing garbage", valid + " trailing", MALFORMED, null),
                body(GROUP, "trailing comma", valid.substring(0, valid.length() - 1) + ",}", MALFORMED, null),
                body(GROUP, "single quotes", valid.replace('"', '\''), MALFORMED, null),
                body(GROUP, "duplicate key", "{\"cap\":5," + valid.substring(1), MALFORMED, null),
                body(GROUP, "array body", "[" + valid + "]", INVALID, null),
                body(GROUP, "empty array body", "[]", INVALID, null),
                body(GROUP, "string body", "\"east\"", INVALID, null),
                body(GROUP, "number body", "15", INVALID, null),
                body(GROUP, "boolean body", "true", INVALID, null),
                // ---- missing required fields ----
                body(GROUP, "empty object", "{}", INVALID, "name"),
                body(GROUP, "missing name", groupWith(s -> s.remove("name")), INVALID, "name"),
                body(GROUP, "missing kind", groupWith(s -> s.remove("kind")), INVALID, "kind"),
                body(GROUP, "missing key", groupWith(s -> s.remove("key")), INVALID, "key"),
                body(GROUP, "missing cap", groupWith(s -> s.remove("cap")), INVALID, "cap"),
                body(GROUP, "missing admins", groupWith(s -> s.remove("admins")), INVALID, "admins"),
                body(GROUP, "null name", groupWith(s -> s.put("name", null)), INVALID, "name"),
                // ---- unknown fields and wrong types (refused by the strict mapper) ----
                body(GROUP, "unknown field", groupWith(s -> s.put("colour", "red")), INVALID, null),
                body(GROUP, "memberCount is not the admin's", groupWith(s -> s.put("memberCount", 0)), INVALID, null),
                body(GROUP, "status is not the admin's", groupWith(s -> s.put("status", "ACTIVE")), INVALID, null),
                body(GROUP, "cap as a string", groupWith(s -> s.put("cap", "15")), INVALID, null),
                body(GROUP, "cap as a fraction", groupWith(s -> s.put("cap", 15.5)), INVALID, null),
                body(GROUP, "cap beyond any integer", groupWith(s -> s.put("cap", 99999999999L)), INVALID, null),
                body(GROUP, "cap as a boolean", groupWith(s -> s.put("cap", true)), INVALID, null),
                body(GROUP, "cap as a list", groupWith(s -> s.put("cap", List.of(15))), INVALID, null),
                body(GROUP, "minSize as a string", groupWith(s -> s.put("minSize", "5")), INVALID, null),
                body(GROUP, "admins as a string", groupWith(s -> s.put("admins", "a")), INVALID, null),
                body(GROUP, "admins of numbers", groupWith(s -> s.put("admins", List.of(1))), INVALID, null),
                body(GROUP, "admins as an object", groupWith(s -> s.put("admins", Map.of("a", "b"))), INVALID, null),
                body(GROUP, "kind as a number", groupWith(s -> s.put("kind", 3)), INVALID, null),
                body(GROUP, "name as a number", groupWith(s -> s.put("name", 42)), INVALID, null),
                body(GROUP, "welcome as an object", groupWith(s -> s.put("welcome", Map.of())), INVALID, null),
                // ---- invalid values (refused by validation, with the field named) ----
                body(GROUP, "cap 0", groupWith(s -> s.put("cap", 0)), INVALID, "cap"),
                body(GROUP, "cap -1", groupWith(s -> s.put("cap", -1)), INVALID, "cap"),
                body(GROUP, "cap 501 above the hard cap", groupWith(s -> s.put("cap", 501)), INVALID, "cap"),
                body(GROUP, "minSize 0", groupWith(s -> s.put("minSize", 0)), INVALID, "minSize"),
                body(GROUP, "minSize -3", groupWith(s -> s.put("minSize", -3)), INVALID, "minSize"),
                body(GROUP, "minSize above cap", groupWith(s -> s.put("minSize", 16)), INVALID, "minSize"),
                body(GROUP, "kind CHANNEL", groupWith(s -> s.put("kind", "CHANNEL")), INVALID, "kind"),
                body(GROUP, "kind in lower case", groupWith(s -> s.put("kind", "function")), INVALID, "kind"),
                body(GROUP, "overflow MAYBE", groupWith(s -> s.put("overflow", "MAYBE")), INVALID, "overflow"),
                body(GROUP, "key with a space", groupWith(s -> s.put("key", "sales team")), INVALID, "key"),
                body(GROUP, "key with #", groupWith(s -> s.put("key", "sales#1")), INVALID, "key"),
                body(GROUP, "key empty", groupWith(s -> s.put("key", "")), INVALID, "key"),
                body(GROUP, "key 65 chars", groupWith(s -> s.put("key", LONG_ID)), INVALID, "key"),
                body(GROUP, "admin id 65 chars", groupWith(s -> s.put("admins", List.of("boss", LONG_ID))), INVALID,
                        "admins[1]"),
                body(GROUP, "admin id with #", groupWith(s -> s.put("admins", List.of("a#b"))), INVALID, "admins[0]"),
                body(GROUP, "admin id null", groupWith(s -> s.put("admins", nullList())), INVALID, "admins[0]"),
                body(GROUP, "admins repeated", groupWith(s -> s.put("admins", List.of("a", "a"))), INVALID, "admins"),
                body(GROUP, "21 admins", groupWith(s -> s.put("admins", twentyOne)), INVALID, "admins"),
                body(GROUP, "name blank", groupWith(s -> s.put("name", "   ")), INVALID, "name"),
                body(GROUP, "name empty", groupWith(s -> s.put("name", "")), INVALID, "name"),
                body(GROUP, "name 101 chars", groupWith(s -> s.put("name", "群".repeat(101))), INVALID, "name"),
                body(GROUP, "name with a control character", groupWith(s -> s.put("name", "east\u0007")), INVALID,
                        "name"),
                body(GROUP, "welcome 1001 chars", groupWith(s -> s.put("welcome", "欢".repeat(1001))), INVALID,
                        "welcome"),
                body(GROUP, "platformChatId 129 chars", groupWith(s -> s.put("platformChatId", "c".repeat(129))),
                        INVALID, "platformChatId"),
                body(GROUP, "body over 64 KB", groupWith(s -> s.put("welcome", "x".repeat(70_000))), TOO_LARGE,
                        null),
                body(GROUP, "body over 64 KB, not even JSON", "{" + "x".repeat(66_000), TOO_LARGE, null),
                // ---- path ----
                path(GROUP, "group id 65 chars", Map.of("org", ORG, "group", LONG_ID), valid, MALFORMED),
                path(GROUP, "group id with #", Map.of("org", ORG, "group", "g#1"), valid, MALFORMED),
                path(GROUP, "group id with a slash", Map.of("org", ORG, "group", "g%2F.."), valid, MALFORMED),
                path(GROUP, "group id empty", Map.of("org", ORG, "group", ""), valid, MALFORMED),
                path(GROUP, "org id 65 chars", Map.of("org", LONG_ID, "group", "g"), valid, MALFORMED),
                // ---- PUT member ----
                body(MEMBER, "malformed JSON", "{\"name\":", MALFORMED, null),
                body(MEMBER, "no body", null, MALFORMED, null),
                body(MEMBER, "array body", "[" + validMember + "]", INVALID, null),
                body(MEMBER, "string body", "\"u1\"", INVALID, null),
                body(MEMBER, "missing name", memberWith(s -> s.remove("name")), INVALID, "name"),
                body(MEMBER, "missing function", memberWith(s -> s.remove("function")), INVALID, "function"),
                body(MEMBER, "function with a space", memberWith(s -> s.put("function", "after sales")), INVALID,
                        "function"),
                body(MEMBER, "unknown field", memberWith(s -> s.put("email", "a@b.c")), INVALID, null),
                body(MEMBER, "groups is not the admin's", memberWith(s -> s.put("groupCount", 3)), INVALID, null),
                body(MEMBER, "projects not a list", memberWith(s -> s.put("projects", "p1")), INVALID, null),
                body(MEMBER, "projects of numbers", memberWith(s -> s.put("projects", List.of(7))), INVALID, null),
                body(MEMBER, "invalid project id", memberWith(s -> s.put("projects", List.of("p1", "p 2"))), INVALID,
                        "projects[1]"),
                body(MEMBER, "null project id", memberWith(s -> s.put("projects", nullList())), INVALID,
                        "projects[0]"),
                body(MEMBER, "project repeated", memberWith(s -> s.put("projects", List.of("p1", "p1"))), INVALID,
                        "projects"),
                body(MEMBER, "51 projects", memberWith(s -> s.put("projects", fiftyOne)), INVALID, "projects"),
                body(MEMBER, "unknown platform wechat", memberWith(s -> s.put("platformUserIds",
                        Map.of("wechat", "wxid_1"))), INVALID, "platformUserIds.wechat"),
                body(MEMBER, "platform key in upper case", memberWith(s -> s.put("platformUserIds",
                        Map.of("SLACK", "U1"))), INVALID, "platformUserIds.SLACK"),
                body(MEMBER, "platform id blank", memberWith(s -> s.put("platformUserIds", Map.of("slack", " "))),
                        INVALID, "platformUserIds.slack"),
                body(MEMBER, "platform id empty", memberWith(s -> s.put("platformUserIds", Map.of("feishu", ""))),
                        INVALID, "platformUserIds.feishu"),
                body(MEMBER, "platform id null", memberWith(s -> s.put("platformUserIds", nullValue("wecom"))),
                        INVALID, "platformUserIds.wecom"),
                body(MEMBER, "platform id 129 chars", memberWith(s -> s.put("platformUserIds",
                        Map.of("dingtalk", "d".repeat(129)))), INVALID, "platformUserIds.dingtalk"),
                body(MEMBER, "platform id a number", memberWith(s -> s.put("platformUserIds", Map.of("slack", 5))),
                        INVALID, null),
                body(MEMBER, "platformUserIds a list", memberWith(s -> s.put("platformUserIds", List.of("U1"))),
                        INVALID, null),
                body(MEMBER, "status RETIRED", memberWith(s -> s.put("status", "RETIRED")), INVALID, "status"),
                body(MEMBER, "status in lower case", memberWith(s -> s.put("status", "left")), INVALID, "status"),
                body(MEMBER, "status as a number", memberWith(s -> s.put("status", 1)), INVALID, null),
                body(MEMBER, "name blank", memberWith(s -> s.put("name", "\t ")), INVALID, "name"),
                body(MEMBER, "name 101 chars", memberWith(s -> s.put("name", "n".repeat(101))), INVALID, "name"),
                body(MEMBER, "body over 64 KB", memberWith(s -> s.put("name", "x".repeat(70_000))), TOO_LARGE, null),
                path(MEMBER, "user id 65 chars", Map.of("org", ORG, "user", LONG_ID), validMember, MALFORMED),
                path(MEMBER, "user id with #", Map.of("org", ORG, "user", "u#1"), validMember, MALFORMED),
                path(MEMBER, "user id with a space", Map.of("org", ORG, "user", "u 1"), validMember, MALFORMED));
    }

    static List<String> nullList() {
        List<String> list = new ArrayList<>();
        list.add(null);
        return list;
    }

    static Map<String, String> nullValue(String key) {
        Map<String, String> map = new HashMap<>();
        map.put(key, null);
        return map;
    }

    static Arguments body(String route, String name, String body, int status, String field) {
        Map<String, String> params = route.equals(GROUP) ? Map.of("org", ORG, "group", "g")
                : Map.of("org", ORG, "user", "u1");
        return Arguments.of((route.equals(GROUP) ? "group: " : "member: ") + name, route, params, body, status,
                field);
    }

    static Arguments path(String route, String name, Map<String, String> params, String body, int status) {
        return Arguments.of((route.equals(GROUP) ? "group path: " : "member path: ") + name, route, params, body,
                status, null);
    }

    static String codeOf(int status) {
        return switch (status) {
            case MALFORMED -> "MALFORMED_REQUEST";
            case TOO_LARGE -> "PAYLOAD_TOO_LARGE";
            case INVALID -> "INVALID_INPUT";
            default -> throw new IllegalArgumentException("no code for " + status);
        };
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("cases")
    void isRefusedWithTheJsonErrorAndWritesNothing(String name, String route, Map<String, String> params,
            String body, int status, String field) {
        String before = fx.snapshot();
        String token = StoreResource.tokens().mint("admin", ORG, "boss", 600);
        APIGatewayV2HTTPResponse r = function.admin(Api.event(route, params, body, token));
        assertEquals(status, r.getStatusCode(), r.getBody());
        assertEquals("application/json; charset=utf-8", r.getHeaders().get("Content-Type"));
        JsonNode error = Api.body(r);
        assertEquals(codeOf(status), error.get("error").asText(), r.getBody());
        assertTrue(error.get("message").asText().length() > 5, r.getBody());
        assertTrue(r.getBody().length() < 4096, "the error does not echo the input back");
        if (field != null) {
            JsonNode violations = error.get("violations");
            assertTrue(violations != null && violations.isArray() && !violations.isEmpty(), r.getBody());
            List<String> fields = violations.findValuesAsText("field");
            assertTrue(fields.contains(field), "violations name '" + field + "': " + r.getBody());
            for (JsonNode v : violations) {
                assertFalse(v.get("problem").asText().isBlank(), r.getBody());
            }
        }
        assertEquals(before, fx.snapshot(), "nothing written");
    }

    @Test
    void everyProblemOfAnInputIsListedAtOnce() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("name", " ");
        spec.put("kind", "CHANNEL");
        spec.put("key", "a b");
        spec.put("cap", 0);
        spec.put("admins", List.of("ok", "not ok"));
        spec.put("overflow", "MAYBE");
        String before = fx.snapshot();
        APIGatewayV2HTTPResponse r = function.admin(Api.event(GROUP, Map.of("org", ORG, "group", "g"), json(spec),
                StoreResource.tokens().mint("admin", ORG, "boss", 600)));
        assertEquals(422, r.getStatusCode(), r.getBody());
        List<String> fields = Api.body(r).get("violations").findValuesAsText("field");
        assertTrue(fields.containsAll(List.of("name", "kind", "key", "cap", "admins[1]", "overflow")), fields.toString());
        assertEquals(before, fx.snapshot());
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        String token = StoreResource.tokens().mint("admin", ORG, "boss", 600);
        Map<String, Object> spec = group();
        spec.put("name", "群".repeat(100));
        spec.put("cap", 500);
        spec.put("minSize", 500);
        spec.put("welcome", "欢".repeat(1000));
        spec.put("platformChatId", "c".repeat(128));
        spec.put("admins", IntStream.range(0, 20).mapToObj(i -> "a" + i).toList());
        spec.put("key", "k".repeat(64));
        APIGatewayV2HTTPResponse r = function.admin(Api.event(GROUP, Map.of("org", ORG, "group", "x".repeat(64)),
                json(spec), token));
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(500, Api.body(r).get("cap").asInt());

        Map<String, Object> m = member();
        m.put("projects", IntStream.range(0, 50).mapToObj(i -> "p" + i).toList());
        m.put("platformUserIds", Map.of("slack", "s".repeat(128)));
        m.put("name", "n".repeat(100));
        r = function.admin(Api.event(MEMBER, Map.of("org", ORG, "user", "u".repeat(64)), json(m), token));
        assertEquals(200, r.getStatusCode(), r.getBody());
        assertEquals(50, Api.body(r).get("projects").size());
    }
}
