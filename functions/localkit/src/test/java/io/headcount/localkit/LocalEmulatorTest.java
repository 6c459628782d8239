package io.headcount.localkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The local run's emulator ({@code infra/local/emulator}: moto whose transactions back up only the items they write,
 * and whose Query reads one partition) behaves as moto itself: the same random transactions, cancelled ones included,
 * give the same answers, the same cancellation reasons and the same table, item for item, on both.
 */
class LocalEmulatorTest {

    private static final String TABLE = "local-emulator-test";
    private static Emulator moto;
    private static Emulator local;
    private static DynamoDbClient motoClient;
    private static DynamoDbClient localClient;

    @BeforeAll
    static void start() {
        moto = Emulator.start((Path) null);
        local = Emulator.start(TemplateModel.projectRoot().resolve("infra/local/emulator"));
        motoClient = moto.client();
        localClient = local.client();
        for (DynamoDbClient client : List.of(motoClient, localClient)) {
            LocalTable.ensure(client, TemplateModelTest.testTemplate(), "Table", TABLE);
        }
    }

    @AfterAll
    static void stop() {
        motoClient.close();
        localClient.close();
        moto.close();
        local.close();
    }

    @Test
    void randomTransactionsEndInTheSameTableAsOnMoto() {
        Random random = new Random(7);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int i = 0; i < 400; i++) {
            List<TransactWriteItem> transaction = transaction(random);
            String onMoto = outcome(motoClient, transaction);
            String onLocal = outcome(localClient, transaction);
            assertEquals(onMoto, onLocal, "transaction " + i + ": " + transaction);
            outcomes.merge(onMoto.replaceAll("\\[.*", ""), 1, Integer::sum);
            if (i % 20 == 19) {
                assertEquals(table(motoClient), table(localClient), "after transaction " + i);
                for (int p = 0; p < 4; p++) {
                    assertEquals(partition(motoClient, "P" + p), partition(localClient, "P" + p), "partition P" + p);
                    assertEquals(index(motoClient, "G" + p), index(localClient, "G" + p), "GSI1 partition G" + p);
                }
            }
        }
        assertEquals(table(motoClient), table(localClient));
        // The sequence exercises every path: committed, cancelled by a condition, refused as invalid.
        assertTrue(outcomes.getOrDefault("committed", 0) > 50, outcomes.toString());
        assertTrue(outcomes.getOrDefault("cancelled", 0) > 50, outcomes.toString());
        assertTrue(outcomes.getOrDefault("refused", 0) > 5, outcomes.toString());
        assertTrue(table(motoClient).size() > 10, "items left: " + table(motoClient).size());
    }

    /** 1–5 operations on 24 keys: puts, counter updates, deletes and condition checks, each sometimes conditional. */
    private static List<TransactWriteItem> transaction(Random random) {
        List<TransactWriteItem> items = new ArrayList<>();
        int n = 1 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            Map<String, AttributeValue> key = Map.of("PK", s("P" + random.nextInt(4)), "SK", s("S" + random.nextInt(6)));
            int kind = random.nextInt(10);
            boolean conditional = random.nextInt(3) == 0;
            items.add(switch (kind) {
                case 0, 1, 2 -> {
                    Map<String, AttributeValue> item = new HashMap<>(key);
                    item.put("n", AttributeValue.fromN(String.valueOf(random.nextInt(5))));
                    item.put("GSI1PK", s("G" + random.nextInt(4)));
                    item.put("GSI1SK", s("T" + random.nextInt(100)));
                    yield TransactWriteItem.builder().put(p -> {
                        p.tableName(TABLE).item(item);
                        if (conditional) {
                            p.conditionExpression("attribute_not_exists(PK)");
                        }
                    }).build();
                }
                case 3, 4, 5 -> TransactWriteItem.builder().update(u -> {
                    u.tableName(TABLE).key(key).updateExpression("ADD n :one SET touched = :t")
                            .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":t", s("yes"),
                                    ":max", AttributeValue.fromN("4")));
                    if (conditional) {
                        u.conditionExpression("attribute_not_exists(n) OR n < :max");
                    }
                }).build();
                case 6 -> TransactWriteItem.builder().update(u -> u.tableName(TABLE).key(key)
                        // A string attribute cannot be added to: moto refuses the whole transaction.
                        .updateExpression(random.nextBoolean() ? "ADD touched :one" : "SET touched = :t")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"), ":t", s("yes"))))
                        .build();
                case 7, 8 -> TransactWriteItem.builder().delete(d -> {
                    d.tableName(TABLE).key(key);
                    if (conditional) {
                        d.conditionExpression("attribute_exists(PK)");
                    }
                }).build();
                default -> TransactWriteItem.builder().conditionCheck(c -> c.tableName(TABLE).key(key)
                        .conditionExpression(random.nextBoolean() ? "attribute_exists(PK)" : "attribute_not_exists(PK)"))
                        .build();
            });
        }
        return items;
    }

    private static String outcome(DynamoDbClient client, List<TransactWriteItem> transaction) {
        try {
            client.transactWriteItems(r -> r.transactItems(transaction));
            return "committed";
        } catch (TransactionCanceledException e) {
            return "cancelled" + e.cancellationReasons().stream().map(CancellationReason::code).toList();
        } catch (DynamoDbException e) {
            return "refused[" + e.awsErrorDetails().errorCode() + "]";
        }
    }

    private static List<Map<String, AttributeValue>> table(DynamoDbClient client) {
        return sorted(client.scan(r -> r.tableName(TABLE)).items());
    }

    private static List<Map<String, AttributeValue>> partition(DynamoDbClient client, String pk) {
        return client.query(r -> r.tableName(TABLE).keyConditionExpression("PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(pk)))).items();
    }

    private static List<Map<String, AttributeValue>> index(DynamoDbClient client, String pk) {
        return sorted(client.query(r -> r.tableName(TABLE).indexName("GSI1").keyConditionExpression("GSI1PK = :pk")
                .expressionAttributeValues(Map.of(":pk", s(pk)))).items());
    }

    private static List<Map<String, AttributeValue>> sorted(List<Map<String, AttributeValue>> items) {
        return items.stream().sorted(Comparator.comparing((Map<String, AttributeValue> item) -> item.get("PK").s())
                .thenComparing(item -> item.get("SK").s())).toList();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
