package io.headcount.nativecheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headcount.nativecheck.JsonTypes.JsonType;
import io.headcount.nativecheck.JsonTypes.Member;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A native-image reflect-config.json, and whether it lets Jackson do its work on a type in a native image: find
 * the type, call its constructor, its accessors or getters and setters, and read its fields (Jackson collects
 * fields with the accessors, and reads record components through them). A member counts when it is listed by
 * name, or covered by an {@code allDeclared*} flag, or public under an {@code allPublic*} flag. The
 * {@code query*} flags do not count: they allow looking a member up, not calling it.
 */
final class ReflectConfig {
    private final Map<String, Entry> entries = new HashMap<>();

    /** Every entry for one class, merged (a class may be registered by several build steps). */
    private static final class Entry {
        final Set<String> flags = new HashSet<>();
        final Set<String> methods = new HashSet<>();
        final Set<String> fields = new HashSet<>();
    }

    static ReflectConfig parse(String json) {
        ReflectConfig config = new ReflectConfig();
        try {
            for (JsonNode node : new ObjectMapper().readTree(json)) {
                Entry e = config.entries.computeIfAbsent(node.get("name").asText(), n -> new Entry());
                node.fields().forEachRemaining(f -> {
                    if (f.getValue().isBoolean() && f.getValue().asBoolean()) {
                        e.flags.add(f.getKey());
                    }
                });
                for (JsonNode m : node.path("methods")) {
                    List<String> params = new ArrayList<>();
                    m.path("parameterTypes").forEach(p -> params.add(p.asText()));
                    e.methods.add(signature(m.get("name").asText(), params));
                }
                node.path("fields").forEach(f -> e.fields.add(f.get("name").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    boolean registers(String className) {
        return entries.containsKey(className);
    }

    /** What Jackson would miss for {@code type} in a native image; empty when it has everything. */
    List<String> gaps(JsonType type) {
        Entry e = entries.get(type.name());
        if (e == null) {
            return List.of("not registered for reflection");
        }
        List<String> gaps = new ArrayList<>();
        switch (type.kind()) {
            case RECORD -> {
                if (!constructor(e, type.constructor())) {
                    gaps.add("canonical constructor " + type.constructor().parameterTypes());
                }
                type.methods().stream().filter(m -> !method(e, m)).forEach(m -> gaps.add("accessor " + m.name()));
                type.fields().stream().filter(f -> !field(e, f)).forEach(f -> gaps.add("field " + f));
            }
            case ENUM -> {
                if (!e.flags.contains("allDeclaredMethods") && !e.flags.contains("allPublicMethods")) {
                    gaps.add("methods");
                }
                type.fields().stream().filter(f -> !field(e, f) && !e.flags.contains("allPublicFields"))
                        .forEach(f -> gaps.add("constant " + f));
            }
            case CLASS -> {
                if (type.constructor() == null ? !e.flags.contains("allDeclaredConstructors")
                        : !constructor(e, type.constructor())) {
                    gaps.add("constructors");
                }
                if (!e.flags.contains("allDeclaredMethods") && !e.flags.contains("allPublicMethods")) {
                    gaps.add("getters and setters");
                }
                type.fields().stream().filter(f -> !field(e, f)).forEach(f -> gaps.add("field " + f));
            }
        }
        return gaps;
    }

    private static boolean constructor(Entry e, Member c) {
        return e.flags.contains("allDeclaredConstructors")
                || (c.isPublic() && e.flags.contains("allPublicConstructors"))
                || e.methods.contains(signature("<init>", c.parameterTypes()));
    }

    private static boolean method(Entry e, Member m) {
        return e.flags.contains("allDeclaredMethods")
                || (m.isPublic() && e.flags.contains("allPublicMethods"))
                || e.methods.contains(signature(m.name(), m.parameterTypes()));
    }

    /** Record components and bean fields are private: only allDeclaredFields or a listing covers them. */
    private static boolean field(Entry e, String name) {
        return e.flags.contains("allDeclaredFields") || e.fields.contains(name);
    }

    private static String signature(String name, List<String> parameterTypes) {
        return name + parameterTypes;
    }
}
