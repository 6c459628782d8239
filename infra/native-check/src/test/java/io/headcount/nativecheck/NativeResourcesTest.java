package io.headcount.nativecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every classpath resource a function loads at run time is in the resource-config.json its native build hands to
 * native-image ({@link NativeSources}, shared with {@link NativeReflectionTest}): a native image holds only the
 * resources declared for it, and a missing one shows up only when the code reads it (summarize's first digest).
 * What a function loads is derived from the sources of the function and of the io.headcount modules it runs with
 * ({@link LoadedResources}), plus what the libraries in {@link #LIBRARIES} load. The native image itself is not
 * built here.
 */
class NativeResourcesTest {

    /**
     * Libraries whose own code loads classpath resources at run time, by {@code groupId:artifactId}, with the
     * resources each loads. Their sources are not analysed, so each is declared here with why; each list is checked
     * against the library's jar ({@link #everyDeclaredLibraryListsTheResourcesItsClassesName}).
     *
     * <p>Looked at and not listed: smallrye-jwt reads a key from the classpath only for a {@code classpath:} key
     * location, which nothing here configures (template.yaml passes a URL); the Quarkus extensions (the AWS SDK's
     * included) register the resources they need themselves; the other libraries load none of ours.
     */
    static final Map<String, List<String>> LIBRARIES = Map.of(
            // jieba-analysis 1.0.2, summarize's Chinese segmenter: JiebaSegmenter's static initializer calls
            // WordDictionary.getInstance(), whose loadDict() reads /dict.txt (the word dictionary), and
            // FinalSeg.getInstance(), whose loadModel() reads /prob_emit.txt (the HMM emission table for words the
            // dictionary lacks). Its user dictionaries (WordDictionary.init(Path)) are files, not resources, and
            // unused; jieba.java.code.style.xml, also in its jar, is never read.
            "com.huaban:jieba-analysis", List.of("dict.txt", "prob_emit.txt"));

    static Stream<String> functionModules() {
        return FunctionModules.names().stream();
    }

    @ParameterizedTest(name = "functions/{0}")
    @MethodSource("functionModules")
    void everyResourceTheFunctionLoadsIsInItsNativeImage(String module) {
        NativeSources build = NativeSources.of(module);
        long started = System.nanoTime();
        Map<String, String> expected = loaded(module, build);
        long analysed = System.nanoTime();

        List<String> absent = new ArrayList<>();
        expected.forEach((name, via) -> {
            if (!onClasspath(name, module, build)) {
                absent.add(name + "  (" + via + ")");
            }
        });
        assertTrue(absent.isEmpty(), "functions/" + module + " loads resources its classpath does not have (is the"
                + " analysis naming them right?):\n" + String.join("\n", absent));

        ResourceConfig config = ResourceConfig.parse(build.resourceConfig());
        List<String> missing = new ArrayList<>();
        expected.forEach((name, via) -> {
            if (!config.includes(name)) {
                missing.add(name + "  (" + via + ")");
            }
        });
        System.out.printf("functions/%s: %d resources loaded at run time %s, %d not in the native image; analysis %d ms%n",
                module, expected.size(), expected.keySet(), missing.size(), (analysed - started) / 1_000_000);
        assertTrue(missing.isEmpty(), "functions/" + module + ": " + missing.size() + " of the " + expected.size()
                + " classpath resources it loads at run time would not be in its native image (list them in its"
                + " application.properties, quarkus.native.resources.includes):\n" + String.join("\n", missing)
                + "\nresource-config.json includes: " + config.includePatterns());
    }

    /** The analysis is not vacuous: summarize's stop words and jieba's two files are what it finds there. */
    @Test
    void summarizeLoadsItsStopWordsAndJiebasDictionary() {
        assertEquals(Set.of("stopwords.txt", "dict.txt", "prob_emit.txt"),
                loaded("summarize", NativeSources.of("summarize")).keySet());
    }

    /**
     * Each declared library is used by a function, and its list is exactly the resources of its jar that its own
     * classes name by a constant (so a new version that loads another file, or renames one, fails here).
     */
    @Test
    void everyDeclaredLibraryListsTheResourcesItsClassesName() {
        for (Map.Entry<String, List<String>> library : LIBRARIES.entrySet()) {
            List<Path> paths = FunctionModules.names().stream()
                    .map(m -> NativeSources.of(m).dependencies().get(library.getKey()))
                    .filter(p -> p != null).findFirst()
                    .orElseThrow(() -> new AssertionError(library.getKey() + " is declared in NativeResourcesTest"
                            + " but no function runs with it: remove it there"));
            assertEquals(1, paths.size(), paths.toString());
            assertEquals(new TreeSet<>(library.getValue()), LoadedResources.namedByOwnClasses(paths.get(0)),
                    library.getKey() + ": the resources of " + paths.get(0).getFileName() + " its classes name");
        }
    }

    /** What {@code module} loads at run time: resource name to where the need comes from. */
    private static Map<String, String> loaded(String module, NativeSources build) {
        LoadedResources.Result ours = LoadedResources.inSources(build.ownSources());
        assertTrue(ours.problems().isEmpty(), "functions/" + module + ":\n" + String.join("\n", ours.problems()));
        Map<String, String> expected = new TreeMap<>(ours.resources());
        LIBRARIES.forEach((library, names) -> {
            if (build.dependencies().containsKey(library)) {
                names.forEach(n -> expected.putIfAbsent(n, library + ", declared in NativeResourcesTest"));
            }
        });
        return expected;
    }

    /** Whether the function's JVM classpath has {@code name}: its own classes or one of its dependencies. */
    private static boolean onClasspath(String name, String module, NativeSources build) {
        List<Path> paths = new ArrayList<>();
        paths.add(FunctionModules.root().resolve("functions").resolve(module).resolve("target/classes"));
        build.dependencies().values().forEach(paths::addAll);
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                if (Files.isRegularFile(path.resolve(name))) {
                    return true;
                }
            } else if (Files.isRegularFile(path)) {
                try (ZipFile zip = new ZipFile(path.toFile())) {
                    if (zip.getEntry(name) != null) {
                        return true;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return false;
    }
}
