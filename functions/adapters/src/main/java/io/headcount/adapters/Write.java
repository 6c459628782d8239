package io.headcount.adapters;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * One conditional write: a put, update, delete or condition check. Attribute names are written as {@code #name}
 * in expressions and aliased automatically, so reserved words such as {@code status} or {@code key} need no care.
 */
public final class Write {
    private static final Pattern NAME = Pattern.compile("#([A-Za-z0-9_]+)");

    private enum Kind { PUT, UPDATE, DELETE, CHECK }

    private final Kind kind;
    private final Keys.Key key;
    private final Map<String, AttributeValue> item;
    private String update;
    private String condition;
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final Map<String, String> explicitNames = new HashMap<>();
    private boolean returnOldOnFailure;

    private Write(Kind kind, Keys.Key key, Map<String, AttributeValue> item, String update) {
        this.kind = kind;
        this.key = key;
        this.item = item;
        this.update = update;
    }

    public static Write put(Map<String, AttributeValue> item) {
        return new Write(Kind.PUT, Keys.Key.of(item), item, null);
    }

    public static Write update(Keys.Key key, String updateExpression) {
        return new Write(Kind.UPDATE, key, null, updateExpression);
    }

    public static Write delete(Keys.Key key) {
        return new Write(Kind.DELETE, key, null, null);
    }

    public static Write check(Keys.Key key, String condition) {
        return new Write(Kind.CHECK, key, null, null).when(condition);
    }

    /** Replaces the update expression, for updates assembled piece by piece. */
    public Write withUpdate(String updateExpression) {
        this.update = updateExpression;
        return this;
    }

    public Write when(String conditionExpression) {
        this.condition = conditionExpression;
        return this;
    }

    /** Adds a condition to the one already set. */
    public Write alsoWhen(String extraCondition) {
        this.condition = condition == null ? extraCondition : "(" + condition + ") AND (" + extraCondition + ")";
        return this;
    }

    /** Only when no item has this key yet. */
    public Write ifAbsent() {
        return when("attribute_not_exists(#PK)");
    }

    /** An attribute whose name is not a plain word (e.g. built from data): {@code #placeholder} stands for it. */
    public Write name(String placeholder, String attribute) {
        explicitNames.put(placeholder, attribute);
        return this;
    }

    public Write value(String placeholder, AttributeValue value) {
        values.put(placeholder, value);
        return this;
    }

    public Write value(String placeholder, String value) {
        return value(placeholder, Attrs.s(value));
    }

    public Write value(String placeholder, long value) {
        return value(placeholder, Attrs.n(value));
    }

    /** When the condition fails, the cancelled transaction reports the item as it was. */
    public Write returnOldOnFailure() {
        this.returnOldOnFailure = true;
        return this;
    }

    /** The same key, condition and values as a condition check: asserts what this write would require. */
    public Write asCheck() {
        Write check = new Write(Kind.CHECK, key, null, null).when(condition);
        check.values.putAll(values);
        // Keep only the values the condition uses (":max" must not survive because of ":maxGroups").
        check.values.keySet().removeIf(placeholder -> !Pattern.compile(Pattern.quote(placeholder) + "(?![A-Za-z0-9_])")
                .matcher(condition).find());
        return check;
    }

    public Keys.Key key() {
        return key;
    }

    TransactWriteItem toTransactItem(String table) {
        Map<String, String> names = names();
        Map<String, AttributeValue> vals = values.isEmpty() ? null : values;
        ReturnValuesOnConditionCheckFailure onFailure = returnOldOnFailure
                ? ReturnValuesOnConditionCheckFailure.ALL_OLD : ReturnValuesOnConditionCheckFailure.NONE;
        return switch (kind) {
            case PUT -> TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                    .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(vals)
                    .returnValuesOnConditionCheckFailure(onFailure).build()).build();
            case UPDATE -> TransactWriteItem.builder().update(Update.builder().tableName(table).key(key.toMap())
                    .updateExpression(update).conditionExpression(condition).expressionAttributeNames(names)
                    .expressionAttributeValues(vals).returnValuesOnConditionCheckFailure(onFailure).build()).build();
            case DELETE -> TransactWriteItem.builder().delete(Delete.builder().tableName(table).key(key.toMap())
                    .conditionExpression(condition).expressionAttributeNames(names).expressionAttributeValues(vals)
                    .returnValuesOnConditionCheckFailure(onFailure).build()).build();
            case CHECK -> TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName(table)
                    .key(key.toMap()).conditionExpression(condition).expressionAttributeNames(names)
                    .expressionAttributeValues(vals).returnValuesOnConditionCheckFailure(onFailure).build()).build();
        };
    }

    UpdateItemRequest toUpdateRequest(String table) {
        if (kind != Kind.UPDATE) {
            throw new IllegalStateException("not an update");
        }
        return UpdateItemRequest.builder().tableName(table).key(key.toMap()).updateExpression(update)
                .conditionExpression(condition).expressionAttributeNames(names())
                .expressionAttributeValues(values.isEmpty() ? null : values).returnValues(ReturnValue.ALL_NEW)
                .build();
    }

    private Map<String, String> names() {
        Map<String, String> names = new HashMap<>();
        for (String expression : new String[] {update, condition}) {
            if (expression != null) {
                Matcher m = NAME.matcher(expression);
                while (m.find()) {
                    String placeholder = "#" + m.group(1);
                    names.put(placeholder, explicitNames.getOrDefault(placeholder, m.group(1)));
                }
            }
        }
        return names.isEmpty() ? null : names;
    }
}
