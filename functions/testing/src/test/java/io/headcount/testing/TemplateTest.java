package io.headcount.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headcount.localkit.Emulator;
import io.headcount.localkit.LocalDefaults;
import io.headcount.localkit.LocalTable;
import io.headcount.localkit.TemplateModel;
import io.headcount.localkit.TemplateModel.FunctionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** template.yaml is the source of truth: it lints clean, names every function module right, and defines the table. */
class TemplateTest {
    static final Path ROOT = TemplateModel.projectRoot();
    static final TemplateModel TEMPLATE = TemplateModel.load(ROOT.resolve("template.yaml"));

    /**
     * infra/validate-template: cfn-lint clean, the SAM transform applied as `sam deploy` would (aws-sam-translator),
     * and least privilege in the expanded template. A missing tool is reported as a skipped check.
     */
    @Test
    void templateLintsTransformsAndGrantsLeastPrivilege() throws Exception {
        Process check;
        try {
            check = new ProcessBuilder("python3", ROOT.resolve("infra/validate-template").toString(),
                    ROOT.resolve("template.yaml").toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("python3 is not on PATH: infra/validate-template cannot run");
            return;
        }
        String output;
        try (InputStream in = check.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(check.waitFor(180, TimeUnit.SECONDS), "infra/validate-template finished");
        assertEquals(0, check.exitValue(), output);
        List<String> skipped = output.lines().filter(l -> l.startsWith("skipped:")).toList();
        Assumptions.assumeTrue(skipped.isEmpty(), String.join("; ", skipped));
        assertTrue(output.contains("AWS::Scheduler::Schedule"), "the SAM transform ran: " + output);
    }

    /** Every Quarkus function module has its resource, and the resource runs that module's one function. */
    @Test
    void everyFunctionModuleHasItsResource() throws IOException {
        List<String> modules = functionModules();
        assertFalse(modules.isEmpty());
        Map<String, FunctionSpec> byCode = TEMPLATE.functions().stream()
                .collect(Collectors.toMap(FunctionSpec::codeUri, f -> f));
        for (String module : modules) {
            FunctionSpec spec = byCode.get("functions/" + module + "/target/function.zip");
            assertTrue(spec != null, module + " has a function in template.yaml with CodeUri to its function.zip");
            assertEquals("io.quarkus.funqy.lambda.FunqyStreamHandler::handleRequest", spec.handler(),
                    module);
            assertEquals(export(module), spec.environment().get("QUARKUS_FUNQY_EXPORT"),
                    module + ": QUARKUS_FUNQY_EXPORT matches quarkus.funqy.export (and so its @Funq)");
            assertFalse(spec.routes().isEmpty(), module + " has routes");
        }
        assertEquals(modules.size(), TEMPLATE.functions().size(), "no function without a module");
    }

    @Test
    void everyRouteIsUniqueAndUnderAnOrg() {
        List<String> routes = new ArrayList<>();
        TEMPLATE.functions().forEach(f -> f.routes().forEach(r -> routes.add(r.method() + " " + r.path())));
        assertEquals(routes.size(), routes.stream().distinct().count(), "no route served twice: " + routes);
        assertTrue(routes.stream().allMatch(r -> r.split(" ")[1].startsWith("/orgs/{org}")), routes.toString());
    }

    /** The table the local run and the tests create is exactly the one template.yaml declares. */
    @Test
    void theLocalTableIsTheTemplateTable() {
        CreateTableRequest declared = TEMPLATE.createTableRequest(LocalDefaults.TABLE_LOGICAL_ID, "headcount-check");
        try (Emulator emulator = Emulator.start(); DynamoDbClient client = emulator.client()) {
            LocalTable.ensure(client, TEMPLATE, LocalDefaults.TABLE_LOGICAL_ID, "headcount-check");
            TableDescription actual = client.describeTable(b -> b.tableName("headcount-check")).table();
            assertEquals(declared.keySchema(), actual.keySchema());
            assertEquals(sorted(declared.attributeDefinitions().stream().map(Object::toString)),
                    sorted(actual.attributeDefinitions().stream().map(Object::toString)));
            assertEquals(declared.globalSecondaryIndexes().size(), actual.globalSecondaryIndexes().size());
            for (var index : declared.globalSecondaryIndexes()) {
                GlobalSecondaryIndexDescription found = actual.globalSecondaryIndexes().stream()
                        .filter(g -> g.indexName().equals(index.indexName())).findFirst().orElseThrow();
                assertEquals(index.keySchema(), found.keySchema());
                assertEquals(index.projection().projectionType(), found.projection().projectionType());
            }
            assertEquals("PAY_PER_REQUEST", actual.billingModeSummary().billingModeAsString());
            String ttl = client.describeTimeToLive(b -> b.tableName("headcount-check")).timeToLiveDescription()
                    .attributeName();
            assertEquals(TEMPLATE.ttlAttribute(LocalDefaults.TABLE_LOGICAL_ID).orElseThrow(), ttl);
            assertEquals(io.headcount.adapters.Keys.TTL, ttl, "the code's TTL attribute is the template's");
        }
    }

    @Test
    void theTableIsProtected() {
        @SuppressWarnings("unchecked")
        Map<String, Object> table = (Map<String, Object>) TEMPLATE.resources().get(LocalDefaults.TABLE_LOGICAL_ID);
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) table.get("Properties");
        assertEquals("Retain", table.get("DeletionPolicy"));
        assertEquals(Map.of("PointInTimeRecoveryEnabled", true), props.get("PointInTimeRecoverySpecification"));
        assertEquals(Map.of("SSEEnabled", true), props.get("SSESpecification"));
    }

    private static List<String> sorted(Stream<String> values) {
        return values.sorted().toList();
    }

    /** Modules under functions/ built into a Lambda package by the Quarkus plugin. */
    static List<String> functionModules() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT.resolve("functions"))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("pom.xml")))
                    .filter(d -> read(d.resolve("pom.xml")).contains("<artifactId>quarkus-maven-plugin</artifactId>"))
                    .map(d -> d.getFileName().toString())
                    .sorted(Comparator.naturalOrder())
                    .toList();
        }
    }

    static String export(String module) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(
                ROOT.resolve("functions").resolve(module).resolve("src/main/resources/application.properties"))) {
            p.load(in);
        }
        return p.getProperty("quarkus.funqy.export");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
