package io.headcount.nativecheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository and its Lambda function modules, found the way TemplateTest finds them. */
final class FunctionModules {

    private FunctionModules() {
    }

    /** The repository root: upwards from {@code -Dheadcount.root} (or the working directory) to template.yaml. */
    static Path root() {
        String property = System.getProperty("headcount.root");
        Path start = Path.of(property != null && !property.isBlank() ? property : System.getProperty("user.dir"))
                .toAbsolutePath().normalize();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (template.yaml) above " + start);
    }

    /**
     * Modules under functions/ built into a Lambda package by the Quarkus plugin: join-check, admin, ingest,
     * summarize, score-reward, and regroup once it is there. A new function module is checked without listing it.
     */
    static List<String> names() {
        try (Stream<Path> dirs = Files.list(root().resolve("functions"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .filter(d -> read(d.resolve("pom.xml")).contains("<artifactId>quarkus-maven-plugin</artifactId>"))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
