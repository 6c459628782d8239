package io.headcount.localkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmulatorTest {

    private static Emulator emulator;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        emulator = Emulator.start();
        client = emulator.client();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close(); // again after closeStopsTheProcess: close is idempotent
    }

    @Test
    @Order(1)
    void tableFromTemplateStoresItemsAndResetClearsThem() {
        TemplateModel template = TemplateModelTest.testTemplate();
        LocalTable.ensure(client, template, "Table", "emulator-test");
        LocalTable.ensure(client, template, "Table", "emulator-test"); // idempotent

        TableDescription table = client.describeTable(r -> r.tableName("emulator-test")).table();
        assertEquals("GSI1", table.globalSecondaryIndexes().get(0).indexName());
        assertEquals(IndexStatus.ACTIVE, table.globalSecondaryIndexes().get(0).indexStatus());
        var ttl = client.describeTimeToLive(r -> r.tableName("emulator-test")).timeToLiveDescription();
        assertEquals(TimeToLiveStatus.ENABLED, ttl.timeToLiveStatus());
        assertEquals("expiresAt", ttl.attributeName());

        Map<String, AttributeValue> key = Map.of("PK", s("ORG#demo"), "SK", s("GROUP#g1"));
        client.putItem(r -> r.tableName("emulator-test").item(Map.of(
                "PK", s("ORG#demo"), "SK", s("GROUP#g1"), "name", s("Group one"))));
        assertEquals(s("Group one"), client.getItem(r -> r.tableName("emulator-test").key(key)).item().get("name"));

        if (emulator.pid() == -1) {
            // reset is a no-op against an external DYNAMODB_ENDPOINT: clean up by hand
            client.deleteTable(r -> r.tableName("emulator-test"));
            return;
        }
        emulator.reset();
        assertEquals(List.of(), client.listTables().tableNames());
    }

    @Test
    @Order(2) // last: it stops the class's emulator (one moto start per class keeps the suite fast)
    void closeStopsTheProcess() {
        long pid = emulator.pid();
        assumeTrue(pid != -1, "no process of our own against an external DYNAMODB_ENDPOINT");
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        emulator.close();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
