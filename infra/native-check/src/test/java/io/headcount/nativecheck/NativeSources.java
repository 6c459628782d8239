package io.headcount.nativecheck;

import io.quarkus.bootstrap.app.CuratedApplication;
import io.quarkus.bootstrap.app.QuarkusBootstrap;
import io.quarkus.bootstrap.model.ApplicationModel;
import io.quarkus.bootstrap.workspace.SourceDir;
import io.quarkus.bootstrap.workspace.WorkspaceModule;
import io.quarkus.maven.dependency.ResolvedDependency;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What the Quarkus native build of one function module hands to GraalVM's native-image, produced here without
 * GraalVM or a container: the build runs in this JVM through the Quarkus bootstrap API, as quarkus-maven-plugin
 * runs it, with {@code quarkus.native.enabled=true}, but asks only for the native-image source jar. Every build step
 * that jar needs runs (reflection registration included); the step that would call native-image is never reached.
 * The output goes to this module's target/, never to the function module's (its JVM function.zip stays as built).
 *
 * Each module is built once per test JVM ({@link #of}): the checks that read the build share it.
 *
 * @param reflectConfig  the jar's META-INF/native-image/reflect-config.json
 * @param resourceConfig the jar's META-INF/native-image/resource-config.json (the resources native-image includes)
 * @param sources        the application's own source directories and those of its io.headcount dependencies that
 *                       use Jackson
 * @param classpath      every other runtime dependency of the application (jars, and io.headcount modules without
 *                       Jackson as compiled classes)
 * @param ownSources     the main source directories of the application and of every io.headcount module it runs
 *                       with, Jackson or not
 * @param dependencies   every runtime dependency of the application, {@code groupId:artifactId} to its paths
 * @param buildMillis    how long the native build steps took
 */
record NativeSources(String reflectConfig, String resourceConfig, List<Path> sources, List<Path> classpath,
        List<Path> ownSources, Map<String, List<Path>> dependencies, long buildMillis) {

    private static final Map<String, NativeSources> BUILT = new HashMap<>();

    /** The native build of {@code module}, run on first use and kept for the rest of the test JVM. */
    static synchronized NativeSources of(String module) {
        NativeSources built = BUILT.get(module);
        if (built == null) {
            built = build(module);
            BUILT.put(module, built);
        }
        return built;
    }

    /** The build item the native-image step consumes; building it is everything before native-image. */
    static final String SOURCE_JAR = "io.quarkus.deployment.pkg.builditem.NativeImageSourceJarBuildItem";

    private static NativeSources build(String module) {
        long started = System.nanoTime();
        Path root = FunctionModules.root();
        Path moduleDir = root.resolve("functions").resolve(module);
        Path classes = moduleDir.resolve("target/classes");
        if (!Files.isDirectory(classes)) {
            throw new IllegalStateException("functions/" + module + " is not compiled: build it before"
                    + " infra/native-check (mvn verify from the root does; list it in infra/native-check/pom.xml)");
        }
        Path out = root.resolve("infra/native-check/target/native").resolve(module);
        delete(out);
        Properties build = new Properties();
        build.setProperty("quarkus.native.enabled", "true");
        build.setProperty("quarkus.native.container-build", "false");
        QuarkusBootstrap bootstrap = QuarkusBootstrap.builder()
                .setApplicationRoot(classes)
                .setProjectRoot(moduleDir)
                .setTargetDirectory(out)
                .setBaseName(module)
                .setMode(QuarkusBootstrap.Mode.PROD)
                .setLocalProjectDiscovery(true)
                .setIsolateDeployment(true)
                .setBuildSystemProperties(build)
                .build();
        List<Path> sources = new ArrayList<>();
        List<Path> classpath = new ArrayList<>();
        List<Path> ownSources = new ArrayList<>();
        Map<String, List<Path>> dependencies = new LinkedHashMap<>();
        try (CuratedApplication app = bootstrap.bootstrap()) {
            ApplicationModel model = app.getApplicationModel();
            Set<ResolvedDependency> deps = new LinkedHashSet<>(model.getRuntimeDependencies());
            sources.addAll(mainSources(model.getApplicationModule()));
            ownSources.addAll(mainSources(model.getApplicationModule()));
            Map<String, ResolvedDependency> byKey = new HashMap<>();
            model.getDependencies().forEach(d -> byKey.put(d.getGroupId() + ":" + d.getArtifactId(), d));
            for (ResolvedDependency dep : deps) {
                dependencies.put(dep.getGroupId() + ":" + dep.getArtifactId(),
                        dep.getResolvedPaths().stream().toList());
                WorkspaceModule ws = dep.getWorkspaceModule();
                if (ws != null) {
                    ownSources.addAll(mainSources(ws));
                }
                if (ws != null && reaches(dep, JACKSON, byKey)) {
                    sources.addAll(mainSources(ws));
                } else {
                    // a module without Jackson (functions/domain) cannot bind JSON: read as compiled classes
                    dep.getResolvedPaths().forEach(classpath::add);
                }
            }
            app.createAugmentor().performCustomBuild(Done.class.getName(), null, SOURCE_JAR);
        } catch (Exception e) {
            throw new IllegalStateException("the Quarkus native build steps of functions/" + module + " failed", e);
        }
        Path jar = sourceJar(out);
        return new NativeSources(readEntry(jar, "META-INF/native-image/reflect-config.json"),
                readEntry(jar, "META-INF/native-image/resource-config.json"), List.copyOf(sources),
                List.copyOf(classpath), List.copyOf(ownSources), Map.copyOf(dependencies),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** performCustomBuild hands the build result to a class it instantiates; the jar on disk is all we need. */
    public static final class Done implements BiConsumer<Object, Object> {
        @Override
        public void accept(Object context, Object buildResult) {
        }
    }

    private static final String JACKSON = "com.fasterxml.jackson.core:jackson-databind";

    /** Whether {@code key} is among the dependencies of {@code from}, directly or not. */
    private static boolean reaches(ResolvedDependency from, String key, Map<String, ResolvedDependency> byKey) {
        Set<String> seen = new HashSet<>();
        List<ResolvedDependency> next = new ArrayList<>(List.of(from));
        while (!next.isEmpty()) {
            ResolvedDependency d = next.remove(next.size() - 1);
            for (var coords : d.getDependencies()) {
                String k = coords.getGroupId() + ":" + coords.getArtifactId();
                if (k.equals(key)) {
                    return true;
                }
                if (seen.add(k) && byKey.containsKey(k)) {
                    next.add(byKey.get(k));
                }
            }
        }
        return false;
    }

    private static List<Path> mainSources(WorkspaceModule module) {
        if (module == null || !module.hasMainSources()) {
            throw new IllegalStateException("no sources for " + module);
        }
        return module.getMainSources().getSourceDirs().stream().map(SourceDir::getDir).filter(Files::isDirectory)
                .toList();
    }

    private static Path sourceJar(Path out) {
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> jars = files.filter(p -> p.getParent().getFileName().toString()
                    .endsWith("-native-image-source-jar") && p.getFileName().toString().endsWith("-runner.jar"))
                    .toList();
            if (jars.size() != 1) {
                throw new IllegalStateException("expected one native-image source jar under " + out + ": " + jars);
            }
            return jars.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readEntry(Path jar, String name) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry entry = zip.getEntry(name);
            if (entry == null) {
                throw new IllegalStateException(jar + " has no " + name);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
