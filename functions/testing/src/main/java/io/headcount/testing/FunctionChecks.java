package io.headcount.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.Reader;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/** What every function module must get right about its packaging: mistakes here only show once deployed. */
public final class FunctionChecks {

    private FunctionChecks() {
    }

    /**
     * Exactly one {@code @Funq} method in the handler, named {@code name}, and application.properties exports that
     * name (the local run and template.yaml's QUARKUS_FUNQY_EXPORT use it too).
     */
    public static void assertOneFunctionNamed(Class<?> handler, String name) throws IOException {
        List<String> funqs = Arrays.stream(handler.getMethods()).map(FunctionChecks::funqName)
                .filter(n -> n != null).toList();
        assertEquals(List.of(name), funqs, "exactly one @Funq entry point, named " + name);
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"),
                StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        assertEquals(name, properties.getProperty("quarkus.funqy.export"));
    }

    /**
     * A deployed function answers Lambda invocations only: no HTTP server may be on its classpath (it would cost
     * cold-start time and open a port for nothing).
     */
    public static void assertNoHttpServer() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.quarkus.vertx.http.runtime.VertxHttpRecorder"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.vertx.core.http.HttpServer"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("io.netty.channel.Channel"));
    }

    private static String funqName(Method method) {
        for (Annotation a : method.getAnnotations()) {
            if (a.annotationType().getName().equals("io.quarkus.funqy.Funq")) {
                try {
                    String value = (String) a.annotationType().getMethod("value").invoke(a);
                    return value.isEmpty() ? method.getName() : value;
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return null;
    }
}
