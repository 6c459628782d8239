package io.headcount.nativecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.nativecheck.JsonTypes.JsonType;
import io.headcount.nativecheck.JsonTypes.Kind;
import io.headcount.nativecheck.JsonTypes.Member;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The analysis on small sources with a known answer (src/test/resources/fixture; stubs stand in for adapters). */
class JsonTypesTest {
    private static final String P = "io.headcount.fixture.";

    @Test
    void findsEveryTypeJacksonMeetsFromEveryKindOfRoot() throws Exception {
        JsonTypes.Result result = JsonTypes.of(List.of(fixture("stubs"), fixture("clean")), jackson());

        assertEquals(List.of(), result.problems());
        Map<String, JsonType> found = result.types();
        assertEquals(Set.of(
                P + "CleanFunction$Asked",            // Request.body
                P + "CleanFunction$Answer",           // Reply.ok, one branch of a conditional
                P + "CleanFunction$Line",             // List<Line> in Answer, and ? extends Line in Stored
                P + "CleanFunction$Mood",             // an enum component of Line
                P + "CleanFunction$Score",            // Map<String, Optional<Score>> in Answer
                P + "CleanFunction$Bean",             // the other branch, and what dispatch's http returns
                P + "CleanFunction$Nested",           // a field of Bean
                P + "CleanFunction$Report",           // what dispatch's scheduled function returns
                P + "CleanFunction$Report$Failure",   // an array component of Report
                P + "CleanFunction$Stored",           // Json.write
                P + "CleanFunction$Converted",        // ObjectMapper.convertValue
                P + "CleanScheduled$Digest"),         // what the run given to ScheduledHttpFunction returns
                found.keySet(), JsonTypes.describe(found));

        JsonType answer = found.get(P + "CleanFunction$Answer");
        assertEquals(Kind.RECORD, answer.kind());
        assertEquals(new Member("<init>", List.of("java.util.List", "java.util.Map",
                "com.fasterxml.jackson.databind.JsonNode", "java.util.Map"), true), answer.constructor());
        assertEquals(List.of("lines", "scores", "raw", "log"), answer.methods().stream().map(Member::name).toList());
        assertEquals(List.of("lines", "scores", "raw", "log"), answer.fields());
        assertEquals(List.of("int", P + "CleanFunction$Report$Failure[]"),
                found.get(P + "CleanFunction$Report").constructor().parameterTypes());
        assertEquals(new Member("<init>", List.of("java.lang.String"), false),
                found.get(P + "CleanFunction$Report$Failure").constructor(), "a package-private record");
        assertEquals(Kind.ENUM, found.get(P + "CleanFunction$Mood").kind());
        assertEquals(List.of("CALM", "BUSY"), found.get(P + "CleanFunction$Mood").fields());
        JsonType bean = found.get(P + "CleanFunction$Bean");
        assertEquals(Kind.CLASS, bean.kind());
        assertEquals(new Member("<init>", List.of(), true), bean.constructor());
        assertEquals(List.of("name", "nested"), bean.fields());
    }

    @Test
    void reportsWhatItCannotFollow() throws Exception {
        JsonTypes.Result result = JsonTypes.of(List.of(fixture("stubs"), fixture("escapes")), jackson());

        List<String> problems = result.problems();
        assertEquals(5, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).startsWith("Escapes.java:20: written by write, of static type java.lang.Object"),
                problems.get(0));
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Escapes.java:24: written by ok: interface "
                + P + "Escapes$Shape")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Escapes.java:28: written by ok: abstract "
                + P + "Escapes$Base")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Escapes.java:32: written by ok → Holder: interface "
                + P + "Escapes$Shape")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.startsWith("Escapes.java:35: @Funq untyped returns Object")),
                problems.toString());
    }

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(JsonTypesTest.class.getResource("/fixture/" + name).toURI());
    }

    private static List<Path> jackson() throws URISyntaxException {
        return List.of(Path.of(JsonNode.class.getProtectionDomain().getCodeSource().getLocation().toURI()),
                Path.of(JsonParser.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    }
}
