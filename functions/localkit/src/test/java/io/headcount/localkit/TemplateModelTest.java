package io.headcount.localkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.headcount.localkit.TemplateModel.FunctionSpec;
import io.headcount.localkit.TemplateModel.RouteSpec;
import io.headcount.localkit.TemplateModel.ScheduleSpec;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class TemplateModelTest {

    static TemplateModel testTemplate() {
        try {
            return TemplateModel.load(Path.of(TemplateModelTest.class.getResource("/test-template.yaml").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private final TemplateModel template = testTemplate();

    @Test
    void shortFormTagsBecomeLongFormMaps() {
        Map<String, Object> table = map(template.resources().get("Table"));
        assertEquals(Map.of("Fn::Sub", "${AWS::StackName}-headcount"), map(table.get("Properties")).get("TableName"));

        Map<String, Object> function = map(map(template.resources().get("JoinCheckFunction")).get("Properties"));
        Map<String, Object> variables = map(map(function.get("Environment")).get("Variables"));
        assertEquals(Map.of("Fn::GetAtt", "Table.Arn"), variables.get("TABLE_ARN"));

        Map<String, Object> regroup = map(map(template.resources().get("RegroupFunction")).get("Properties"));
        Object logLevel = map(map(regroup.get("Environment")).get("Variables")).get("LOG_LEVEL");
        assertEquals(Map.of("Fn::If", List.of("IsProd", "WARN", "INFO")), logLevel);
    }

    @Test
    void functionsMergeGlobalEnvironmentAndSkipIntrinsics() {
        List<FunctionSpec> functions = template.functions();
        assertEquals(List.of("JoinCheckFunction", "RegroupFunction"), functions.stream().map(FunctionSpec::logicalId).toList());

        FunctionSpec joinCheck = functions.get(0);
        assertEquals("functions/join-check/target/function.zip", joinCheck.codeUri());
        assertEquals("java17", joinCheck.runtime());
        assertEquals("io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest", joinCheck.handler());
        // TABLE_NAME and TABLE_ARN are intrinsics; LOG_LEVEL is overridden by the function.
        assertEquals(Map.of(
                "LOG_LEVEL", "DEBUG",
                "JWT_ISSUER", "https://headcount.example",
                "MAX_PAGE", "50",
                "QUARKUS_FUNQY_EXPORT", "joinCheck"), joinCheck.environment());

        FunctionSpec regroup = functions.get(1);
        assertEquals("provided.al2023", regroup.runtime());
        assertEquals("not.used.in.native", regroup.handler());
        // the function's intrinsic LOG_LEVEL overrides the global one, so no value is known locally
        assertEquals(Map.of("JWT_ISSUER", "https://headcount.example", "MAX_PAGE", "50"), regroup.environment());
        assertEquals(List.of(), regroup.routes());
    }

    @Test
    void environmentNamesIncludeTheIntrinsicOnes() {
        assertEquals(Set.of("TABLE_NAME", "TABLE_ARN", "LOG_LEVEL", "JWT_ISSUER", "MAX_PAGE",
                "QUARKUS_FUNQY_EXPORT"), template.environmentNames("JoinCheckFunction"));
        assertEquals(Set.of("TABLE_NAME", "LOG_LEVEL", "JWT_ISSUER", "MAX_PAGE"),
                template.environmentNames("RegroupFunction"));
        assertThrows(IllegalArgumentException.class, () -> template.environmentNames("Table"));
    }

    @Test
    void httpApiEventsBecomeRoutes() {
        assertEquals(List.of(
                        new RouteSpec("POST", "/orgs/{org}/groups/{group}/join"),
                        new RouteSpec("GET", "/orgs/{org}/groups/{group}/members/{user}")),
                template.functions().get(0).routes());
    }

    @Test
    void scheduleV2EventsBecomeSchedules() {
        assertEquals(List.of(
                        new ScheduleSpec("RegroupFunction", "Nightly", "cron(0 3 * * ? *)", "Europe/Berlin", "{\"job\":\"regroup\"}"),
                        new ScheduleSpec("RegroupFunction", "Hourly", "rate(1 hour)", "UTC", null)),
                template.schedules());
    }

    @Test
    void tableRequestFollowsTheTemplate() {
        CreateTableRequest request = template.createTableRequest("Table", "t1");
        assertEquals("t1", request.tableName());
        assertEquals(BillingMode.PAY_PER_REQUEST, request.billingMode());
        assertEquals(List.of("PK", "SK", "GSI1PK", "GSI1SK"),
                request.attributeDefinitions().stream().map(a -> a.attributeName()).toList());
        assertEquals(ScalarAttributeType.N, request.attributeDefinitions().get(3).attributeType());
        assertEquals(KeyType.HASH, request.keySchema().get(0).keyType());
        assertEquals("SK", request.keySchema().get(1).attributeName());

        GlobalSecondaryIndex gsi = request.globalSecondaryIndexes().get(0);
        assertEquals("GSI1", gsi.indexName());
        assertEquals(List.of("GSI1PK", "GSI1SK"), gsi.keySchema().stream().map(k -> k.attributeName()).toList());
        assertEquals(ProjectionType.INCLUDE, gsi.projection().projectionType());
        assertEquals(List.of("name", "size"), gsi.projection().nonKeyAttributes());

        assertEquals(Optional.of("expiresAt"), template.ttlAttribute("Table"));
    }

    @Test
    void onlyTableResourcesMakeTables() {
        assertThrows(IllegalArgumentException.class, () -> template.createTableRequest("Api", "t"));
        assertThrows(IllegalArgumentException.class, () -> template.createTableRequest("Missing", "t"));
    }

    @Test
    void projectRootIsFoundAboveTheGivenDirectory(@TempDir Path root) throws IOException {
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("template.yaml"), "Resources: {}");
        Path module = Files.createDirectories(root.resolve("functions/some-module"));
        String before = System.getProperty("headcount.root");
        try {
            System.setProperty("headcount.root", module.toString());
            assertEquals(root.toRealPath(), TemplateModel.projectRoot().toRealPath());
        } finally {
            if (before == null) {
                System.clearProperty("headcount.root");
            } else {
                System.setProperty("headcount.root", before);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }
}
