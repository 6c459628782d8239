package io.headcount.packagecheck;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Where the packages are, and what a function's log says about them. */
final class FunctionZips {
    /** The cold-start baseline's package, built by the infra/package-check/empty-function module. */
    static final String EMPTY_FUNCTION = "infra/package-check/empty-function/target/function.zip";

    private static final Pattern FEATURES = Pattern.compile("Installed features: \\[([^\\]]*)]");

    private FunctionZips() {
    }

    /**
     * The package at {@code codeUri} (relative to the project root), or a failure that says how to build it: a
     * missing package must never pass as a skipped check.
     */
    static Path require(Path root, String codeUri) {
        Path zip = root.resolve(codeUri);
        if (!Files.isRegularFile(zip)) {
            fail(codeUri + " does not exist: run `mvn package` first (mvn -B verify builds it; alone:"
                    + " mvn -B package -DskipTests -pl infra/package-check -am)");
        }
        return zip;
    }

    /** The list in Quarkus's start-up line "Installed features: [...]", or null if it has not logged it. */
    static String installedFeatures(String log) {
        Matcher m = FEATURES.matcher(log);
        return m.find() ? m.group(1) : null;
    }
}
