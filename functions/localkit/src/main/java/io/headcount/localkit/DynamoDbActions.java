package io.headcount.localkit;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.yaml.snakeyaml.Yaml;

/**
 * The IAM actions a DynamoDB request needs, named as in template.yaml without the {@code dynamodb:} prefix, and
 * prefixed with the index name where the request reads an index ({@code "GSI1:Query"}). A transaction needs the
 * action of each of its items.
 */
public final class DynamoDbActions {
    private static final Map<String, String> TRANSACT_ITEMS = Map.of(
            "Put", "PutItem", "Update", "UpdateItem", "Delete", "DeleteItem", "ConditionCheck", "ConditionCheckItem",
            "Get", "GetItem");

    private DynamoDbActions() {
    }

    /** {@code target} is the request's X-Amz-Target header, such as {@code DynamoDB_20120810.Query}. */
    public static Set<String> of(String target, byte[] body) {
        String operation = target.substring(target.indexOf('.') + 1);
        Set<String> actions = new TreeSet<>();
        switch (operation) {
            case "TransactWriteItems", "TransactGetItems" -> {
                for (Object item : (Iterable<?>) json(body).get("TransactItems")) {
                    ((Map<?, ?>) item).keySet().forEach(kind -> actions.add(TRANSACT_ITEMS.get(String.valueOf(kind))));
                }
            }
            case "Query", "Scan" -> {
                Object index = json(body).get("IndexName");
                actions.add(index == null ? operation : index + ":" + operation);
            }
            default -> actions.add(operation);
        }
        return actions;
    }

    // JSON is YAML: snakeyaml, already here for template.yaml, reads the request body.
    private static Map<?, ?> json(byte[] body) {
        return new Yaml().load(new String(body, StandardCharsets.UTF_8));
    }
}
