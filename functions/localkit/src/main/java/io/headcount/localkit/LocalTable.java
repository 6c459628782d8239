package io.headcount.localkit;

import java.time.Duration;
import java.util.Optional;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** Creates the template's table in a local store, so tests and the local run use the deployed schema. */
public final class LocalTable {

    private static final Duration ACTIVE_TIMEOUT = Duration.ofSeconds(60);

    private LocalTable() {
    }

    /** Creates the table if it is missing, waits until it is ACTIVE and enables TTL. Safe to call again. */
    public static void ensure(DynamoDbClient client, TemplateModel template, String tableLogicalId, String tableName) {
        if (!exists(client, tableName)) {
            try {
                client.createTable(template.createTableRequest(tableLogicalId, tableName));
            } catch (ResourceInUseException createdMeanwhile) {
                // another process won the race; the table is what we wanted
            }
        }
        awaitActive(client, tableName);
        Optional<String> ttl = template.ttlAttribute(tableLogicalId);
        if (ttl.isPresent() && !ttlEnabled(client, tableName, ttl.get())) {
            // Checked first because DynamoDB rejects enabling TTL that is already enabled.
            client.updateTimeToLive(r -> r.tableName(tableName)
                    .timeToLiveSpecification(s -> s.attributeName(ttl.get()).enabled(true)));
        }
    }

    private static boolean exists(DynamoDbClient client, String tableName) {
        try {
            client.describeTable(r -> r.tableName(tableName));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    private static void awaitActive(DynamoDbClient client, String tableName) {
        long deadline = System.nanoTime() + ACTIVE_TIMEOUT.toNanos();
        // Polled briefly rather than with the SDK waiter, whose 20 s delay suits AWS, not an emulator.
        while (client.describeTable(r -> r.tableName(tableName)).table().tableStatus() != TableStatus.ACTIVE) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("table " + tableName + " not ACTIVE after " + ACTIVE_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for table " + tableName, e);
            }
        }
    }

    private static boolean ttlEnabled(DynamoDbClient client, String tableName, String attribute) {
        TimeToLiveDescription ttl = client.describeTimeToLive(r -> r.tableName(tableName)).timeToLiveDescription();
        boolean on = ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING;
        return on && attribute.equals(ttl.attributeName());
    }
}
