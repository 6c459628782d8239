package io.headcount.nativecheck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headcount.nativecheck.JsonTypes.JsonType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every type Jackson binds in a function (derived from its code by {@link JsonTypes}) is registered for reflection,
 * with what Jackson needs, in the reflect-config.json its native build hands to native-image ({@link
 * NativeSources}). The native image itself is not built here (no GraalVM, no container runtime).
 */
class NativeReflectionTest {

    static Stream<String> functionModules() {
        return FunctionModules.names().stream();
    }

    @ParameterizedTest(name = "functions/{0}")
    @MethodSource("functionModules")
    void everyJsonTypeIsRegisteredForReflection(String module) {
        NativeSources build = NativeSources.of(module);
        long started = System.nanoTime();
        JsonTypes.Result expected = JsonTypes.of(build.sources(), build.classpath());
        long analysed = System.nanoTime();

        assertTrue(expected.problems().isEmpty(), module + ":\n" + String.join("\n", expected.problems()));
        // Every HTTP function answers errors as ErrorBody with Violations: an analysis without them saw nothing.
        assertTrue(expected.types().containsKey("io.headcount.adapters.ErrorBody")
                && expected.types().containsKey("io.headcount.domain.Violation"), JsonTypes.describe(expected.types()));
        ReflectConfig config = ReflectConfig.parse(build.reflectConfig());
        List<String> missing = new ArrayList<>();
        for (JsonType type : expected.types().values()) {
            List<String> gaps = config.gaps(type);
            if (!gaps.isEmpty()) {
                missing.add(type.name() + ": " + String.join(", ", gaps) + "  (" + type.via() + ")");
            }
        }
        System.out.printf("functions/%s: %d JSON types, %d not registered; native build steps %d ms, analysis %d ms%n",
                module, expected.types().size(), missing.size(), build.buildMillis(),
                (analysed - started) / 1_000_000);
        assertTrue(missing.isEmpty(), "functions/" + module + ": " + missing.size() + " of its "
                + expected.types().size() + " JSON types Jackson could not use in a native image (register them"
                + " with @RegisterForReflection, as its NativeJson class does):\n" + String.join("\n", missing));
    }

    /** Discovery is not vacuous: the functions that exist today are all checked (regroup joins when it lands). */
    @Test
    void theKnownFunctionsAreChecked() {
        List<String> names = FunctionModules.names();
        assertTrue(names.containsAll(List.of("join-check", "admin", "ingest", "summarize", "score-reward")),
                names.toString());
    }

    /**
     * The check reads each function module's compiled classes, so Maven must build every one of them first: each
     * is a POM dependency of this module (which orders the reactor without putting its classes on this classpath).
     */
    @Test
    void everyFunctionModuleIsBuiltBeforeTheCheck() {
        String pom = FunctionModules.read(FunctionModules.root().resolve("infra/native-check/pom.xml"));
        List<String> listed = new ArrayList<>();
        Matcher m = Pattern.compile("<artifactId>([^<]+)</artifactId>\\s*<version>\\$\\{project.version}</version>"
                + "\\s*<type>pom</type>").matcher(pom);
        while (m.find()) {
            listed.add(m.group(1));
        }
        for (String module : FunctionModules.names()) {
            assertTrue(listed.contains(module), "functions/" + module + " is not a <type>pom</type> dependency of"
                    + " infra/native-check/pom.xml, so Maven may run this check before building it: add it there");
        }
    }
}
