package io.headcount.packagecheck;

import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.localkit.DevKeys;
import io.headcount.localkit.Emulator;
import io.headcount.localkit.LocalDefaults;
import io.headcount.localkit.LocalTable;
import io.headcount.localkit.TemplateModel;
import io.headcount.localkit.TemplateModel.FunctionSpec;
import io.headcount.localkit.Tokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Cold starts of every function.zip, through the same runtime and Runtime API server as PackagedFunctionsTest: the
 * time from starting the process to the first answered invocation (its first infra/events request, with a token,
 * against moto), the time to the runtime's first /next (the init phase), peak RSS (VmHWM) after the first answer and
 * the zip's size; median of N runs, against the empty Funqy function packaged the same way, in the same run. Runs
 * are interleaved (run 1 of everything, then run 2...) so that load on the machine spreads over all subjects.
 *
 * <p>{@code ColdStartBench [runs=5] [option sets, comma-separated, or all]}, run by
 * {@code mvn -B -q verify -pl infra/package-check -am -DskipTests -DcoldStart} (docs/cold-start.md).
 */
public final class ColdStartBench {
    static final Duration TIMEOUT = Duration.ofSeconds(180);
    private static final Pattern QUARKUS_STARTED = Pattern.compile("started in (\\d+\\.\\d+)s");

    /** The JVM option sets compared; "lambda" is what AWS's java21 runtime uses, the others take parts away. */
    static final Map<String, List<String>> OPTION_SETS = new LinkedHashMap<>();

    static {
        OPTION_SETS.put("lambda", PackagedFunction.lambdaJvmOptions());
        OPTION_SETS.put("c1-only", with("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1"));
        OPTION_SETS.put("serial-only", with("-XX:+UseSerialGC"));
        OPTION_SETS.put("jvm-defaults", with());
        // The same JVM, with a first request that stops earlier: refused without a token (no JWT, no DynamoDB), or
        // with the wrong role (the JWT verified, no DynamoDB). They split the first request's cost.
        OPTION_SETS.put("lambda-401", PackagedFunction.lambdaJvmOptions());
        OPTION_SETS.put("lambda-403", PackagedFunction.lambdaJvmOptions());
    }

    /** The function's memory, and these options. */
    private static List<String> with(String... options) {
        List<String> all = new ArrayList<>(PackagedFunction.memoryOptions());
        all.addAll(List.of(options));
        return List.copyOf(all);
    }

    record Subject(String name, Path zip, Path taskRoot, String handler, Map<String, String> environment,
            Supplier<String> firstEvent, Supplier<String> unauthenticatedEvent, Supplier<String> forbiddenEvent,
            boolean usesStore) {
    }

    record Sample(double firstAnswerMs, double initMs, double quarkusStartMs, long peakRssKb) {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        List<String> sets = args.length > 1 && !args[1].equals("all") ? List.of(args[1].split(","))
                : List.copyOf(OPTION_SETS.keySet());
        if (!sets.contains("lambda")) {
            throw new IllegalArgumentException("the option sets must include lambda, the baseline's: " + sets);
        }
        Path root = TemplateModel.projectRoot();
        TemplateModel template = TemplateModel.load(root.resolve("template.yaml"));
        EventFiles events = new EventFiles(root.resolve("infra/events"));
        Path temp = Files.createTempDirectory("headcount-cold-start-");
        String loadBefore = load();
        try (Emulator emulator = Emulator.start(); DynamoDbClient client = emulator.client()) {
            DevKeys keys = DevKeys.generateInMemory("RS256");
            Path publicKey = Files.writeString(temp.resolve("public.pem"), keys.publicPem(), StandardCharsets.US_ASCII);
            Tokens tokens = new Tokens(keys.privateKey(), "RS256", LocalDefaults.ISSUER, LocalDefaults.AUDIENCE);

            List<Subject> subjects = new ArrayList<>();
            Path emptyZip = FunctionZips.require(root, FunctionZips.EMPTY_FUNCTION);
            String handler = template.functions().get(0).handler();
            subjects.add(new Subject("empty", emptyZip, PackagedFunction.unzip(emptyZip, temp.resolve("empty")),
                    handler, Map.of(), () -> "{\"hello\":\"world\"}", null, null, false));
            for (FunctionSpec spec : template.functions()) {
                String module = PackagedFunctionsTest.module(spec);
                Expectations.OfFunction expected = Expectations.BY_MODULE.get(module);
                Expectations.Expected first = expected.events().stream().filter(e -> e.status() != 0).findFirst()
                        .orElseThrow();
                Path zip = FunctionZips.require(root, spec.codeUri());
                // Each option set is a whole JVM configuration: template.yaml's JAVA_TOOL_OPTIONS would add to all.
                Map<String, String> environment = new LinkedHashMap<>(
                        FunctionEnvironment.of(template, spec, emulator.endpoint(), publicKey));
                environment.remove("JAVA_TOOL_OPTIONS");
                subjects.add(new Subject(module, zip, PackagedFunction.unzip(zip, temp.resolve(module)), spec.handler(),
                        environment,
                        () -> events.filled(first.event(), tokens.mint(first.role(), DemoSlice.ORG, first.subject(), 600),
                                Instant.now()),
                        () -> events.filled(first.event(), null, Instant.now()),
                        () -> events.filled(expected.forbidden().event(), tokens.mint(expected.forbidden().role(),
                                DemoSlice.ORG, expected.forbidden().subject(), 600), Instant.now()), true));
            }

            Map<String, Map<String, List<Sample>>> samples = new LinkedHashMap<>();
            Map<String, String> features = new LinkedHashMap<>();
            for (int run = 1; run <= runs; run++) {
                for (Subject subject : subjects) {
                    for (String set : sets) {
                        if (set.startsWith("lambda-") && !subject.usesStore()) {
                            continue; // the empty function has no token to refuse
                        }
                        if (subject.usesStore()) {
                            emulator.reset();
                            LocalTable.ensure(client, template, LocalDefaults.TABLE_LOGICAL_ID, LocalDefaults.TABLE_NAME);
                            DemoSlice.seed(client, LocalDefaults.TABLE_NAME);
                        }
                        String event = switch (set) {
                            case "lambda-401" -> subject.unauthenticatedEvent().get();
                            case "lambda-403" -> subject.forbiddenEvent().get();
                            default -> subject.firstEvent().get();
                        };
                        int status = switch (set) {
                            case "lambda-401" -> 401;
                            case "lambda-403" -> 403;
                            default -> 200;
                        };
                        Path log = temp.resolve(subject.name() + "-" + set + "-" + run + ".log");
                        Sample sample;
                        try (PackagedFunction f = PackagedFunction.start(subject.name(), subject.taskRoot(),
                                subject.handler(), subject.environment(), OPTION_SETS.get(set), log, event)) {
                            RuntimeApiServer.Answer answer = f.firstAnswer(TIMEOUT);
                            check(subject, answer, status);
                            sample = new Sample(ms(answer.answeredAtNanos() - f.startedAtNanos()),
                                    ms(f.api().firstNextAtNanos() - f.startedAtNanos()), quarkusStart(f.log()),
                                    f.peakRssKb());
                            features.putIfAbsent(subject.name(), String.valueOf(FunctionZips.installedFeatures(f.log())));
                        }
                        samples.computeIfAbsent(subject.name(), k -> new LinkedHashMap<>())
                                .computeIfAbsent(set, k -> new ArrayList<>()).add(sample);
                        System.err.printf(Locale.ROOT, "run %d %-13s %-12s first answer %6.0f ms, init %5.0f ms, RSS %4d MiB%n",
                                run, subject.name(), set, sample.firstAnswerMs(), sample.initMs(),
                                sample.peakRssKb() / 1024);
                    }
                }
            }
            report(subjects, sets, samples, features, runs, loadBefore, load());
        } finally {
            deleteTree(temp);
        }
    }

    private static void check(Subject subject, RuntimeApiServer.Answer answer, int status) throws IOException {
        if (answer.isError()) {
            throw new IllegalStateException(subject.name() + " failed its first invocation: " + answer.text());
        }
        if (subject.usesStore()) {
            JsonNode response = EventFiles.JSON.readTree(answer.body());
            if (response.path("statusCode").asInt() != status) {
                throw new IllegalStateException(subject.name() + " answered " + response + ", expected " + status);
            }
        }
    }

    private static void report(List<Subject> subjects, List<String> sets, Map<String, Map<String, List<Sample>>> samples,
            Map<String, String> features, int runs, String loadBefore, String loadAfter) throws IOException {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nCold starts, median of %d runs; %s, %d cores, java %s%n", runs,
                System.getProperty("os.name"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version")));
        out.append("load before: ").append(loadBefore).append("\nload after:  ").append(loadAfter).append('\n');
        for (String set : sets) {
            out.append(String.format(Locale.ROOT, "%n%s: %s%n", set, String.join(" ", OPTION_SETS.get(set))));
            out.append("| function | first answer (ms) | vs empty | init, to first /next (ms) | Quarkus start (ms)"
                    + " | peak RSS (MiB) | function.zip (MiB) |\n|---|---|---|---|---|---|---|\n");
            List<Sample> baseline = samples.get("empty").getOrDefault(set, samples.get("empty").get("lambda"));
            double emptyMedian = median(baseline, Sample::firstAnswerMs);
            for (Subject subject : subjects) {
                List<Sample> s = samples.get(subject.name()).get(set);
                if (s == null) {
                    continue;
                }
                double first = median(s, Sample::firstAnswerMs);
                out.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f× | %.0f | %.0f | %.0f | %.1f |%n",
                        subject.name(), first, first / emptyMedian, median(s, Sample::initMs),
                        median(s, Sample::quarkusStartMs), median(s, x -> x.peakRssKb() / 1024.0),
                        Files.size(subject.zip()) / 1024.0 / 1024.0));
            }
        }
        out.append("\nInstalled features:\n");
        features.forEach((name, list) -> out.append("  ").append(name).append(": [").append(list).append("]\n"));
        System.out.print(out);
    }

    static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> value) {
        double[] sorted = samples.stream().mapToDouble(value).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }

    /** Quarkus's own "started in 2.159s", which covers its start inside the first invocation. */
    private static double quarkusStart(String log) {
        Matcher m = QUARKUS_STARTED.matcher(log);
        return m.find() ? Double.parseDouble(m.group(1)) * 1000 : Double.NaN;
    }

    private static String load() {
        try {
            Process uptime = new ProcessBuilder("uptime").redirectErrorStream(true).start();
            return new String(uptime.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(uptime unavailable: " + e.getMessage() + ")";
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private ColdStartBench() {
    }
}
