package io.headcount.packagecheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.headcount.localkit.DevKeys;
import io.headcount.localkit.Emulator;
import io.headcount.localkit.FaultProxy;
import io.headcount.localkit.LocalDefaults;
import io.headcount.localkit.LocalTable;
import io.headcount.localkit.TemplateModel;
import io.headcount.localkit.TemplateModel.FunctionSpec;
import io.headcount.localkit.TemplateModel.ScheduleSpec;
import io.headcount.localkit.Tokens;
import io.headcount.packagecheck.Expectations.Expected;
import io.headcount.packagecheck.Expectations.OfFunction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The artifact we deploy is the one we test: every function of template.yaml, as its function.zip, run the way
 * Lambda's managed Java runtime runs it (our {@link JavaRuntime}, template.yaml's handler and environment, Lambda's
 * JVM options), answers each of its infra/events files as the contract says, against moto with the template's table.
 */
class PackagedFunctionsTest {
    static final Path ROOT = TemplateModel.projectRoot();
    static final TemplateModel TEMPLATE = TemplateModel.load(ROOT.resolve("template.yaml"));
    static final EventFiles EVENTS = new EventFiles(ROOT.resolve("infra/events"));
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    static Path temp;
    static Emulator emulator;
    static DynamoDbClient client;
    static Tokens tokens;
    static Path publicKey;

    @BeforeAll
    static void start() throws IOException {
        emulator = Emulator.start();
        client = emulator.client();
        DevKeys keys = DevKeys.generateInMemory("RS256");
        publicKey = Files.writeString(temp.resolve("public.pem"), keys.publicPem(), StandardCharsets.US_ASCII);
        tokens = new Tokens(keys.privateKey(), "RS256", LocalDefaults.ISSUER, LocalDefaults.AUDIENCE);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    static Stream<String> templateFunctions() {
        return TEMPLATE.functions().stream().map(FunctionSpec::logicalId);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("templateFunctions")
    void answersItsEventsAsPackaged(String logicalId) throws Exception {
        FunctionSpec spec = function(logicalId);
        String module = module(spec);
        OfFunction expected = Expectations.BY_MODULE.get(module);
        assertNotNull(expected, module + " needs its expectations in Expectations.BY_MODULE");
        Path zip = FunctionZips.require(ROOT, spec.codeUri());

        emulator.reset();
        LocalTable.ensure(client, TEMPLATE, LocalDefaults.TABLE_LOGICAL_ID, LocalDefaults.TABLE_NAME);
        DemoSlice.seed(client, LocalDefaults.TABLE_NAME);

        Path taskRoot = PackagedFunction.unzip(zip, temp.resolve(module));
        // Between the function and the store: it notes every DynamoDB action the function asks for.
        try (FaultProxy store = FaultProxy.start(emulator.endpoint()).noteActions();
             PackagedFunction function = PackagedFunction.start(logicalId, taskRoot, spec.handler(),
                FunctionEnvironment.of(TEMPLATE, spec, store.endpoint(), publicKey),
                PackagedFunction.lambdaJvmOptions(), temp.resolve(module + ".log"), null)) {
            try {
                Expectations.Run run = new Expectations.Run();
                for (Expected e : expected.events()) {
                    String token = e.role() == null ? null : tokens.mint(e.role(), DemoSlice.ORG, e.subject(), 600);
                    String event = e.adjust().apply(EVENTS.filled(e.event(), token, run.now()), run);
                    RuntimeApiServer.Answer answer = function.invoke(event, TIMEOUT);
                    JsonNode body = e.status() == 0 ? report(e.event(), answer) : http(e.event(), answer, e.status());
                    e.check().check(body, run);
                    run.keep(e.event(), body);
                }
                refusesWithoutToken(function, expected, run);
                refusesTheWrongRole(function, expected, run);
                if (TEMPLATE.schedules().stream().anyMatch(s -> s.functionLogicalId().equals(logicalId))) {
                    refusesAnyOtherScheduledInput(function);
                }
                opensNoPort(function);
                String toolOptions = spec.environment().get("JAVA_TOOL_OPTIONS");
                if (toolOptions != null) {
                    assertTrue(function.log().contains("Picked up JAVA_TOOL_OPTIONS: " + toolOptions),
                            "the JVM took template.yaml's JAVA_TOOL_OPTIONS");
                }
                assertTrue(function.isAlive(), "still polling for invocations");
                // What IAM would check: every action the function used is one its policy allows.
                Set<String> allowed = TEMPLATE.tableActions(logicalId);
                assertTrue(allowed.containsAll(store.actions()), "used " + store.actions() + ", allowed " + allowed);
                assertFalse(store.actions().isEmpty(), "the function reached the store");
                System.out.println(logicalId + " used " + new TreeSet<>(store.actions()));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(logicalId + ": " + e.getMessage() + "\n--- function log (tail) ---\n"
                        + tail(function.log(), 40), e);
            }
        }
    }

    private static void refusesWithoutToken(PackagedFunction function, OfFunction expected, Expectations.Run run) {
        String event = expected.events().stream().filter(e -> e.status() != 0).findFirst().orElseThrow().event();
        JsonNode body = http(event + " without a token",
                function.invoke(EVENTS.filled(event, null, run.now()), TIMEOUT), 401);
        assertEquals("UNAUTHORIZED", body.path("error").asText(), body.toString());
        assertTrue(body.path("message").isTextual(), body.toString());
    }

    private static void refusesTheWrongRole(PackagedFunction function, OfFunction expected, Expectations.Run run) {
        Expectations.Forbidden forbidden = expected.forbidden();
        String token = tokens.mint(forbidden.role(), DemoSlice.ORG, forbidden.subject(), 600);
        JsonNode body = http(forbidden.event() + " as " + forbidden.role(),
                function.invoke(EVENTS.filled(forbidden.event(), token, run.now()), TIMEOUT), 403);
        assertEquals("FORBIDDEN", body.path("error").asText(), body.toString());
    }

    /** Anything but the schedule's own input fails the invocation, so the scheduler retries it, then dead-letters it. */
    private static void refusesAnyOtherScheduledInput(PackagedFunction function) throws IOException {
        RuntimeApiServer.Answer answer = function.invoke("{\"schedule\":\"no-such-job\"}", TIMEOUT);
        assertTrue(answer.isError(), "an invocation error, not " + answer.text());
        // Funqy wraps what the function threw; Lambda reports the outer exception.
        JsonNode error = EventFiles.JSON.readTree(answer.body());
        assertEquals("io.quarkus.funqy.runtime.ApplicationException", error.path("errorType").asText(), answer.text());
        assertTrue(error.path("errorMessage").asText().startsWith("java.lang.IllegalArgumentException: not an API"
                + " Gateway request nor"), answer.text());
    }

    /** No HTTP server inside a deployed function: none in Quarkus's features, and no listening socket. */
    private static void opensNoPort(PackagedFunction function) {
        String features = FunctionZips.installedFeatures(function.log());
        assertNotNull(features, "Quarkus logged its installed features");
        for (String server : List.of("vertx-http", "resteasy", "rest", "smallrye-jwt", "websockets")) {
            assertFalse(List.of(features.split(",\\s*")).contains(server), server + " in " + features);
        }
        assertEquals(Set.of(), function.listeningPorts(), "ports the function listens on");
    }

    /** An HTTP function's answer as API Gateway reads it: statusCode, JSON Content-Type, the body as a string. */
    private static JsonNode http(String event, RuntimeApiServer.Answer answer, int status) {
        assertFalse(answer.isError(), event + " failed the invocation: " + answer.text());
        try {
            JsonNode response = EventFiles.JSON.readTree(answer.body());
            assertEquals(status, response.path("statusCode").asInt(), event + " answered " + response);
            assertTrue(response.path("headers").path("Content-Type").asText().startsWith("application/json"),
                    event + ": " + response);
            assertTrue(response.path("body").isTextual(), event + ": the body is a string, " + response);
            return EventFiles.JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError(event + " answered no JSON: " + answer.text(), e);
        }
    }

    /** A scheduled run's answer: the run report itself. */
    private static JsonNode report(String event, RuntimeApiServer.Answer answer) {
        assertFalse(answer.isError(), event + " failed the invocation: " + answer.text());
        try {
            return EventFiles.JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError(event + " answered no JSON: " + answer.text(), e);
        }
    }

    /** Every route and schedule of the template has its event, and every event its function and expectations. */
    @Test
    void everyRouteAndScheduleHasItsEventAndEveryEventIsChecked() {
        List<String> problems = new ArrayList<>();
        List<String> names = EVENTS.names();
        for (FunctionSpec spec : TEMPLATE.functions()) {
            String module = module(spec);
            OfFunction expected = Expectations.BY_MODULE.get(module);
            List<String> checked = expected == null ? List.of()
                    : expected.events().stream().map(Expected::event).distinct().toList();
            for (var route : spec.routes()) {
                String routeKey = route.method() + " " + route.path();
                List<String> files = names.stream().filter(n -> routeKey.equals(EVENTS.routeKey(n))).toList();
                if (files.isEmpty()) {
                    problems.add(routeKey + " (" + spec.logicalId() + ") has no event in infra/events");
                }
                files.stream().filter(n -> !n.startsWith(module + "-"))
                        .forEach(n -> problems.add(n + " is for " + module + ": name it " + module + "-<what>.json"));
            }
            for (ScheduleSpec schedule : TEMPLATE.schedules()) {
                if (schedule.functionLogicalId().equals(spec.logicalId())
                        && names.stream().noneMatch(n -> isInput(n, schedule))) {
                    problems.add(schedule.name() + " (" + spec.logicalId() + ") has no event with its input "
                            + schedule.input());
                }
            }
            for (String file : names) {
                if (belongsTo(file, spec) && !checked.contains(file)) {
                    problems.add(file + " is not in Expectations for " + module);
                }
            }
            checked.stream().filter(file -> !names.contains(file))
                    .forEach(file -> problems.add(file + " is expected for " + module + " but missing"));
        }
        for (String file : names) {
            boolean served = TEMPLATE.functions().stream().anyMatch(spec -> belongsTo(file, spec));
            // Events of a function still on its way into template.yaml are kept with their expectations ready.
            boolean pending = Expectations.BY_MODULE.values().stream()
                    .anyMatch(f -> f.events().stream().anyMatch(e -> e.event().equals(file))
                            && TEMPLATE.functions().stream().noneMatch(spec -> module(spec).equals(f.module())));
            if (!served && !pending) {
                problems.add(file + " matches no route or schedule input of template.yaml");
            }
        }
        assertEquals(List.of(), problems);
    }

    /** The reactor packages a function before this module only if this module depends on it. */
    @Test
    void thisModuleDependsOnEveryFunctionOfTheTemplate() throws IOException {
        String pom = Files.readString(ROOT.resolve("infra/package-check/pom.xml"), StandardCharsets.UTF_8);
        for (FunctionSpec spec : TEMPLATE.functions()) {
            assertTrue(pom.contains("<artifactId>" + module(spec) + "</artifactId>"),
                    "infra/package-check/pom.xml depends on " + module(spec) + " (type pom)");
        }
    }

    private static boolean belongsTo(String file, FunctionSpec spec) {
        String routeKey = EVENTS.routeKey(file);
        if (routeKey != null) {
            return spec.routes().stream().anyMatch(r -> routeKey.equals(r.method() + " " + r.path()));
        }
        return TEMPLATE.schedules().stream()
                .anyMatch(s -> s.functionLogicalId().equals(spec.logicalId()) && isInput(file, s));
    }

    private static boolean isInput(String file, ScheduleSpec schedule) {
        try {
            return schedule.input() != null && EVENTS.json(file).equals(EventFiles.JSON.readTree(schedule.input()));
        } catch (IOException e) {
            throw new AssertionError(schedule.name() + "'s input is not JSON: " + schedule.input(), e);
        }
    }

    private static FunctionSpec function(String logicalId) {
        return TEMPLATE.functions().stream().filter(f -> f.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }

    /** functions/&lt;module&gt;/target/function.zip → module. */
    static String module(FunctionSpec spec) {
        Path codeUri = Path.of(Objects.requireNonNull(spec.codeUri(), spec.logicalId() + " has no CodeUri"));
        return codeUri.getName(codeUri.getNameCount() - 3).toString();
    }

    private static String tail(String log, int lines) {
        List<String> all = log.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
