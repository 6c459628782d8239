package io.headcount.localkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DynamoDbActionsTest {

    private static Set<String> of(String operation, String body) {
        return DynamoDbActions.of("DynamoDB_20120810." + operation, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPlainRequestNeedsItsOwnAction() {
        assertEquals(Set.of("GetItem"), of("GetItem", "{\"TableName\":\"t\",\"Key\":{\"PK\":{\"S\":\"a\"}}}"));
        assertEquals(Set.of("BatchWriteItem"), of("BatchWriteItem", "{\"RequestItems\":{}}"));
    }

    @Test
    void aQueryOfAnIndexIsNamedByTheIndex() {
        assertEquals(Set.of("Query"), of("Query", "{\"TableName\":\"t\",\"KeyConditionExpression\":\"PK = :p\"}"));
        assertEquals(Set.of("GSI1:Query"), of("Query", "{\"TableName\":\"t\",\"IndexName\":\"GSI1\"}"));
        assertEquals(Set.of("GSI1:Scan"), of("Scan", "{\"TableName\":\"t\",\"IndexName\":\"GSI1\"}"));
    }

    @Test
    void aTransactionNeedsTheActionOfEachItem() {
        String body = "{\"TransactItems\":[{\"Update\":{\"TableName\":\"t\",\"Key\":{\"Put\":{\"S\":\"x\"}}}},"
                + "{\"ConditionCheck\":{\"TableName\":\"t\"}},{\"Update\":{\"TableName\":\"t\"}},"
                + "{\"Delete\":{\"TableName\":\"t\",\"ConditionExpression\":\"attribute_exists(#PK)\"}}]}";
        assertEquals(Set.of("UpdateItem", "ConditionCheckItem", "DeleteItem"), of("TransactWriteItems", body));
        assertEquals(Set.of("GetItem"), of("TransactGetItems", "{\"TransactItems\":[{\"Get\":{\"TableName\":\"t\"}}]}"));
    }
}
