package io.headcount.adapters;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One page of a query, and where the next one starts (null on the last page). */
public record Page(List<Map<String, AttributeValue>> items, Map<String, AttributeValue> next) {
}
