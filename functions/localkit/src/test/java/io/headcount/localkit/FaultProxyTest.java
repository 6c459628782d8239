package io.headcount.localkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.headcount.localkit.FaultProxy.Fault;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

class FaultProxyTest {

    private static Emulator emulator;
    private FaultProxy proxy;
    private DynamoDbClient client;

    @BeforeAll
    static void startEmulator() {
        emulator = Emulator.start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void startProxy() {
        proxy = FaultProxy.start(emulator.endpoint());
        // No retries, so each SDK call is exactly one request and a fault reaches the caller.
        client = Emulator.clientBuilder(proxy.endpoint())
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterEach
    void stopProxy() {
        client.close();
        proxy.close();
    }

    @Test
    void requestsPassThroughToTheTarget() {
        String table = "proxied-" + UUID.randomUUID();
        client.createTable(TemplateModelTest.testTemplate().createTableRequest("Table", table));
        assertTrue(client.listTables().tableNames().contains(table));
        client.deleteTable(r -> r.tableName(table));
        assertEquals(3, proxy.requests());
    }

    @Test
    void actionsAreNotedOnlyWhenAsked() {
        String table = "noted-" + UUID.randomUUID();
        client.createTable(TemplateModelTest.testTemplate().createTableRequest("Table", table));
        assertThrows(IllegalStateException.class, proxy::actions);
        proxy.noteActions();
        client.query(r -> r.tableName(table).indexName("GSI1").keyConditionExpression("GSI1PK = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("x"))));
        client.transactWriteItems(r -> r.transactItems(
                t -> t.put(p -> p.tableName(table).item(Map.of("PK", AttributeValue.fromS("a"),
                        "SK", AttributeValue.fromS("b"))))));
        client.deleteTable(r -> r.tableName(table));
        assertEquals(Set.of("GSI1:Query", "PutItem", "DeleteTable"), proxy.actions());
    }

    @Test
    void throttleAnswersAsDynamoDbDoes() {
        proxy.failAfter(1, Fault.THROTTLE);
        client.listTables();
        DynamoDbException thrown = assertThrows(DynamoDbException.class, client::listTables);
        assertEquals(400, thrown.statusCode());
        assertEquals("ThrottlingException", thrown.awsErrorDetails().errorCode());
        assertThrows(DynamoDbException.class, client::listTables); // until healed

        proxy.heal();
        client.listTables();
        assertEquals(4, proxy.requests());
    }

    @Test
    void dropClosesTheConnection() {
        proxy.failAfter(0, Fault.DROP);
        assertThrows(SdkClientException.class, client::listTables);
        proxy.heal();
        client.listTables();
    }

    @Test
    void manyConcurrentClientsArePassedThrough() throws Exception {
        int clients = 300;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                calls.add(() -> client.listTables().sdkHttpResponse().statusCode());
            }
            for (Future<Integer> result : pool.invokeAll(calls)) {
                assertEquals(200, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(clients, proxy.requests());
    }
}
