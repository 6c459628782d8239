package io.headcount.nativecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The resource analysis on a small source with a known answer (src/test/resources/fixture/resources). */
class LoadedResourcesTest {

    @Test
    void namesWhatEachCallLoadsAndReportsWhatItCannotFollow() throws Exception {
        LoadedResources.Result result = LoadedResources.inSources(
                List.of(Path.of(LoadedResourcesTest.class.getResource("/fixture/resources").toURI())));

        assertEquals(Set.of(
                "words.txt",                          // a literal, absolute
                "io/headcount/fixture/relative.bin",  // relative to the class's package
                "tables/rates.csv",                   // a final field, itself a + of literals
                "META-INF/extra.properties",          // on a ClassLoader: no package, no leading slash
                "sys.txt",                            // ClassLoader.getSystemResource
                "a.txt", "b.txt",                     // a local variable, both branches of ?:
                "one.txt", "two.txt"),                // a parameter: every caller's argument
                result.resources().keySet(), result.resources().toString());
        assertEquals("Loads.java:16: getResourceAsStream(\"/words.txt\")", result.resources().get("words.txt"));

        List<String> problems = result.problems();
        assertEquals(3, problems.size(), String.join("\n", problems));
        assertTrue(problems.get(0).startsWith("Loads.java:49: getResource(changing): cannot tell"), problems.get(0));
        assertTrue(problems.get(1).startsWith("Loads.java:53: getResource(Names.NAME)"), problems.get(1));
        assertTrue(problems.get(2).startsWith("Loads.java:57: getResourceAsStream(\"/messages_\" + lang"),
                problems.get(2));
    }

    @Test
    void readsTheStringConstantsOfAClassFile() throws Exception {
        try (InputStream in = LoadedResourcesTest.class.getResourceAsStream("LoadedResourcesTest.class")) {
            Set<String> strings = LoadedResources.stringConstants(in);
            assertTrue(strings.contains("/fixture/resources"), strings.toString());
            assertTrue(strings.contains("LoadedResourcesTest.class"), strings.toString());
        }
    }
}
