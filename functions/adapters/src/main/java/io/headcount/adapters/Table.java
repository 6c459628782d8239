package io.headcount.adapters;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The one way to talk to the Headcount table. Reads are strongly consistent where DynamoDB allows it. */
@ApplicationScoped
public class Table {
    private final DynamoDbClient client;
    private final String name;

    public Table(DynamoDbClient client, @ConfigProperty(name = "headcount.table") String name) {
        this.client = client;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Optional<Map<String, AttributeValue>> get(Keys.Key key) {
        Map<String, AttributeValue> item = client.getItem(b -> b.tableName(name).key(key.toMap()).consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** Most keys DynamoDB takes in one BatchGetItem. */
    static final int BATCH_GET_KEYS = 100;

    /**
     * Several items in one round trip per 100 keys (more only if DynamoDB leaves keys unprocessed); absent keys
     * are absent.
     */
    public Map<Keys.Key, Map<String, AttributeValue>> getAll(Collection<Keys.Key> keys) {
        Map<Keys.Key, Map<String, AttributeValue>> found = new HashMap<>();
        List<Map<String, AttributeValue>> all = keys.stream().distinct().map(Keys.Key::toMap).toList();
        for (int from = 0; from < all.size(); from += BATCH_GET_KEYS) {
            getBatch(all.subList(from, Math.min(all.size(), from + BATCH_GET_KEYS)), found);
        }
        return found;
    }

    private void getBatch(List<Map<String, AttributeValue>> keys, Map<Keys.Key, Map<String, AttributeValue>> found) {
        List<Map<String, AttributeValue>> pending = keys;
        while (!pending.isEmpty()) {
            KeysAndAttributes batch = KeysAndAttributes.builder().keys(pending).consistentRead(true).build();
            BatchGetItemResponse response = client.batchGetItem(b -> b.requestItems(Map.of(name, batch)));
            response.responses().getOrDefault(name, List.of()).forEach(item -> found.put(Keys.Key.of(item), item));
            KeysAndAttributes left = response.unprocessedKeys().get(name);
            pending = left == null ? List.of() : new ArrayList<>(left.keys());
        }
    }

    /** Items of one partition whose sort key starts with a prefix, in sort key order. */
    public Page query(String pk, String skPrefix, int limit, Map<String, AttributeValue> startKey) {
        return page(client.query(prefixQuery(Keys.PK, Keys.SK, pk, skPrefix).limit(limit)
                .exclusiveStartKey(startKey).consistentRead(true).build()));
    }

    /** Like {@link #query}, last sort key first (the newest, where sort keys begin with a time). */
    public Page queryBackwards(String pk, String skPrefix, int limit, Map<String, AttributeValue> startKey) {
        return page(client.query(prefixQuery(Keys.PK, Keys.SK, pk, skPrefix).limit(limit).scanIndexForward(false)
                .exclusiveStartKey(startKey).consistentRead(true).build()));
    }

    /** Like {@link #query} on the GSI1 index (eventually consistent). */
    public Page queryIndex(String gsiPk, String skPrefix, int limit, Map<String, AttributeValue> startKey) {
        return page(client.query(prefixQuery(Keys.GSI1PK, Keys.GSI1SK, gsiPk, skPrefix).indexName(Keys.GSI1)
                .limit(limit).exclusiveStartKey(startKey).build()));
    }

    /** Every GSI1 item of one partition whose sort key lies in [from, to], following pages (eventually consistent). */
    public List<Map<String, AttributeValue>> queryIndexRange(String gsiPk, String from, String to) {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse r = client.query(QueryRequest.builder().tableName(name).indexName(Keys.GSI1)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#pk", Keys.GSI1PK, "#sk", Keys.GSI1SK))
                    .expressionAttributeValues(Map.of(":pk", Attrs.s(gsiPk), ":from", Attrs.s(from), ":to", Attrs.s(to)))
                    .exclusiveStartKey(start).build());
            all.addAll(r.items());
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return all;
    }

    /** Writes an item whole, replacing any item with its key. */
    public void put(Map<String, AttributeValue> item) {
        client.putItem(b -> b.tableName(name).item(item));
    }

    /** Writes the item only when none has its key: false when one had (a ledger entry written before). */
    public boolean putIfAbsent(Map<String, AttributeValue> item) {
        try {
            client.putItem(b -> b.tableName(name).item(item).conditionExpression("attribute_not_exists(#pk)")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK)));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** Every org listed (each has a group), a page of 100 at a time. */
    public void eachOrg(Consumer<String> each) {
        eachPage(Keys.ORGS, Keys.org(""), item -> each.accept(Attrs.str(item, Keys.SK).substring(Keys.org("").length())));
    }

    /** Every item of a partition with a sort key prefix, a page of 100 at a time, without holding them all. */
    public void eachPage(String pk, String skPrefix, Consumer<Map<String, AttributeValue>> each) {
        Map<String, AttributeValue> start = null;
        do {
            Page page = query(pk, skPrefix, 100, start);
            page.items().forEach(each);
            start = page.next();
        } while (start != null);
    }

    /** Most writes DynamoDB takes in one BatchWriteItem. */
    static final int BATCH_WRITE_ITEMS = 25;
    /** Rounds of retrying what DynamoDB left unprocessed before giving up (it does so when throttled). */
    static final int BATCH_WRITE_ROUNDS = 8;

    /**
     * Writes items whole, unconditionally, one round trip per 25 (more when DynamoDB leaves some unprocessed: those
     * are retried with a growing pause). Only for items that no condition protects, such as brand-new records.
     */
    public void putAll(List<Map<String, AttributeValue>> items) {
        writeAll(items.stream().map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build())
                .build()).toList());
    }

    /** Deletes items, unconditionally, as {@link #putAll} writes them. */
    public void deleteAll(List<Keys.Key> keys) {
        writeAll(keys.stream().distinct().map(key -> WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(key.toMap()).build()).build()).toList());
    }

    private void writeAll(List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_ITEMS) {
            List<WriteRequest> pending = writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_ITEMS));
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == BATCH_WRITE_ROUNDS) {
                    throw ProvisionedThroughputExceededException.builder().message(pending.size() + " writes left unprocessed").build();
                }
                if (round > 0) {
                    pause(round);
                }
                List<WriteRequest> batch = pending;
                BatchWriteItemResponse response = client.batchWriteItem(b -> b.requestItems(Map.of(name, batch)));
                List<WriteRequest> left = response.unprocessedItems().get(name);
                pending = left == null ? List.of() : left;
            }
        }
    }

    private static void pause(int round) {
        try {
            Thread.sleep(Math.min(1_000L, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed writes", e);
        }
    }

    public void delete(Keys.Key key) {
        client.deleteItem(b -> b.tableName(name).key(key.toMap()));
    }

    /** Every item of one partition with a sort key prefix, following pages. */
    public List<Map<String, AttributeValue>> queryAll(String pk, String skPrefix, boolean index) {
        List<Map<String, AttributeValue>> all = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Page page = index ? queryIndex(pk, skPrefix, 100, start) : query(pk, skPrefix, 100, start);
            all.addAll(page.items());
            start = page.next();
        } while (start != null);
        return all;
    }

    /** How many items of a partition have sort keys in [from, to]. */
    public int count(String pk, String from, String to) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            QueryResponse r = client.query(QueryRequest.builder().tableName(name)
                    .keyConditionExpression("#pk = :pk AND #sk BETWEEN :from AND :to")
                    .expressionAttributeNames(Map.of("#pk", Keys.PK, "#sk", Keys.SK))
                    .expressionAttributeValues(Map.of(":pk", Attrs.s(pk), ":from", Attrs.s(from), ":to", Attrs.s(to)))
                    .select(Select.COUNT).consistentRead(true).exclusiveStartKey(start).build());
            count += r.count();
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        return count;
    }

    /** All writes or none, in one round trip; a failed condition throws TransactionCanceledException. */
    public void transact(List<Write> writes) {
        client.transactWriteItems(TransactWriteItemsRequest.builder()
                .transactItems(writes.stream().map(w -> w.toTransactItem(name)).toList()).build());
    }

    /** One conditional update; returns the item as it is afterwards. */
    public Map<String, AttributeValue> update(Write update) {
        return client.updateItem(update.toUpdateRequest(name)).attributes();
    }

    private QueryRequest.Builder prefixQuery(String pkName, String skName, String pk, String skPrefix) {
        return QueryRequest.builder().tableName(name)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", pkName, "#sk", skName))
                .expressionAttributeValues(Map.of(":pk", Attrs.s(pk), ":prefix", Attrs.s(skPrefix)));
    }

    private static Page page(QueryResponse r) {
        Map<String, AttributeValue> next = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()
                ? r.lastEvaluatedKey() : null;
        return new Page(r.items(), next);
    }
}
