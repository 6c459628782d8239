package io.headcount.nativecheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A native-image resource-config.json as Quarkus writes it into the native-image source jar ({@code
 * {"resources": {"includes": [{"pattern": regex}], "excludes": [...]}, "bundles": [...]}}), and whether a resource
 * is in the image: native-image includes every classpath resource whose path (no leading slash) matches an include
 * pattern and no exclude pattern. Quarkus writes one quoted pattern per NativeImageResourceBuildItem, and the globs
 * of {@code quarkus.native.resources.includes} as regular expressions.
 *
 * <p>Only the source jar's own file is read: a library jar that ships its own resource-config.json would count for
 * native-image but not here (none of the libraries the checked resources come from does), so the check can fail for
 * a resource that is in fact included, never pass for one that is not.
 */
final class ResourceConfig {
    private final List<Pattern> includes = new ArrayList<>();
    private final List<Pattern> excludes = new ArrayList<>();

    static ResourceConfig parse(String json) {
        ResourceConfig config = new ResourceConfig();
        try {
            JsonNode resources = new ObjectMapper().readTree(json).path("resources");
            read(resources.path("includes"), config.includes);
            read(resources.path("excludes"), config.excludes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return config;
    }

    private static void read(JsonNode entries, List<Pattern> into) {
        for (JsonNode entry : entries) {
            if (!entry.path("pattern").isTextual()) {
                throw new IllegalStateException("a resource-config.json entry without a pattern (a format this check"
                        + " does not read): " + entry);
            }
            into.add(Pattern.compile(entry.get("pattern").asText()));
        }
    }

    /** Whether native-image includes the classpath resource {@code name} (no leading slash). */
    boolean includes(String name) {
        return includes.stream().anyMatch(p -> p.matcher(name).matches())
                && excludes.stream().noneMatch(p -> p.matcher(name).matches());
    }

    /** The include patterns, for failure messages. */
    List<String> includePatterns() {
        return includes.stream().map(Pattern::pattern).toList();
    }
}
