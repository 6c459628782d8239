package io.headcount.nativecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headcount.nativecheck.JsonTypes.JsonType;
import io.headcount.nativecheck.JsonTypes.Kind;
import io.headcount.nativecheck.JsonTypes.Member;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as registered enough for Jackson, on reflect-config.json entries written out by hand. */
class ReflectConfigTest {
    private static final JsonType RECORD = new JsonType("x.Answer", Kind.RECORD,
            new Member("<init>", List.of("java.lang.String", "int"), false),
            List.of(new Member("text", List.of(), true), new Member("count", List.of(), true)),
            List.of("text", "count"), "test");
    private static final JsonType ENUM = new JsonType("x.Mood", Kind.ENUM, null, List.of(), List.of("CALM"), "test");
    private static final JsonType BEAN = new JsonType("x.Bean", Kind.CLASS, new Member("<init>", List.of(), true),
            List.of(), List.of("name"), "test");

    /** Exactly what Quarkus 3.34 writes for a class under @RegisterForReflection (methods and fields default). */
    private static String quarkusRegistered(String name) {
        return "{\"allDeclaredConstructors\": true, \"name\": \"" + name + "\", \"allDeclaredMethods\": true,"
                + " \"allDeclaredFields\": true}";
    }

    private static ReflectConfig config(String... entries) {
        return ReflectConfig.parse("[" + String.join(",", entries) + "]");
    }

    @Test
    void whatRegisterForReflectionWritesIsEnough() {
        ReflectConfig config = config(quarkusRegistered("x.Answer"), quarkusRegistered("x.Mood"),
                quarkusRegistered("x.Bean"));
        assertEquals(List.of(), config.gaps(RECORD));
        assertEquals(List.of(), config.gaps(ENUM));
        assertEquals(List.of(), config.gaps(BEAN));
    }

    @Test
    void anUnregisteredTypeIsReported() {
        assertEquals(List.of("not registered for reflection"), config(quarkusRegistered("x.Other")).gaps(RECORD));
    }

    @Test
    void aConstructorAloneIsNotEnough() {
        // What Quarkus writes for a bean it only instantiates (e.g. StoreCalls): Jackson could not read the record.
        assertEquals(List.of("accessor text", "accessor count", "field text", "field count"),
                config("{\"allDeclaredConstructors\": true, \"name\": \"x.Answer\"}").gaps(RECORD));
    }

    @Test
    void queryFlagsDoNotCount() {
        assertEquals(List.of("canonical constructor [java.lang.String, int]", "accessor text", "accessor count"),
                config("{\"name\": \"x.Answer\", \"queryAllDeclaredConstructors\": true,"
                        + " \"queryAllDeclaredMethods\": true, \"allDeclaredFields\": true}").gaps(RECORD));
    }

    @Test
    void membersListedByNameCount() {
        String listed = "{\"name\": \"x.Answer\", \"methods\": [{\"name\": \"<init>\", \"parameterTypes\":"
                + " [\"java.lang.String\", \"int\"]}, {\"name\": \"text\", \"parameterTypes\": []}, {\"name\":"
                + " \"count\", \"parameterTypes\": []}], \"fields\": [{\"name\": \"text\"}, {\"name\": \"count\"}]}";
        assertEquals(List.of(), config(listed).gaps(RECORD));
        assertEquals(List.of("canonical constructor [java.lang.String, int]"),
                config(listed.replace("\"int\"", "\"long\"")).gaps(RECORD));
    }

    @Test
    void publicFlagsCoverOnlyPublicMembers() {
        String publicOnly = "{\"name\": \"x.Answer\", \"allPublicConstructors\": true, \"allPublicMethods\": true,"
                + " \"allDeclaredFields\": true}";
        assertEquals(List.of("canonical constructor [java.lang.String, int]"), config(publicOnly).gaps(RECORD),
                "the canonical constructor of a package-private record is package-private");
        JsonType publicRecord = new JsonType("x.Answer", Kind.RECORD,
                new Member("<init>", List.of("java.lang.String", "int"), true), RECORD.methods(), RECORD.fields(),
                "test");
        assertEquals(List.of(), config(publicOnly).gaps(publicRecord));
    }

    @Test
    void entriesForOneClassAreMerged() {
        assertEquals(List.of(), config("{\"name\": \"x.Answer\", \"allDeclaredConstructors\": true}",
                "{\"name\": \"x.Answer\", \"allDeclaredMethods\": true, \"allDeclaredFields\": true}").gaps(RECORD));
    }

    @Test
    void enumsAndBeansNeedTheirMembers() {
        assertEquals(List.of("methods", "constant CALM"),
                config("{\"name\": \"x.Mood\", \"allDeclaredConstructors\": true}").gaps(ENUM));
        assertEquals(List.of("getters and setters", "field name"),
                config("{\"name\": \"x.Bean\", \"allDeclaredConstructors\": true}").gaps(BEAN));
        assertEquals(List.of("constructors"),
                config("{\"name\": \"x.Bean\", \"allDeclaredMethods\": true, \"allDeclaredFields\": true}").gaps(BEAN));
    }
}
