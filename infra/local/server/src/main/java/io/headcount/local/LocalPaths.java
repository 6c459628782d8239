package io.headcount.local;

import io.headcount.localkit.TemplateModel;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;

/** Where the local run finds its inputs: the repository's template.yaml and the demo data in infra/local/demo. */
final class LocalPaths {

    private LocalPaths() {
    }

    /** {@code headcount.template} if set, else template.yaml of the repository root ({@code -Dheadcount.root}). */
    static Path template() {
        return configured("headcount.template").orElseGet(() -> TemplateModel.projectRoot().resolve("template.yaml"));
    }

    /** {@code headcount.demo-dir} if set, else infra/local/demo of the repository root. */
    static Path demoDir() {
        return configured("headcount.demo-dir").orElseGet(() -> TemplateModel.projectRoot().resolve("infra/local/demo"));
    }

    private static java.util.Optional<Path> configured(String name) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class)
                .filter(s -> !s.isBlank())
                .map(s -> Path.of(s).toAbsolutePath().normalize());
    }
}
