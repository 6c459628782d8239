package io.headcount.ingest;

import io.headcount.adapters.Keys;
import io.headcount.adapters.Table;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items one delivery needs: fetched together up front (one round trip per 100 keys), read through when an
 * event needs one that was not foreseen, and kept current as the delivery's own events are written.
 */
final class Items {
    private final Table table;
    private final Map<Keys.Key, Optional<Map<String, AttributeValue>>> known = new HashMap<>();

    Items(Table table) {
        this.table = table;
    }

    void prefetch(Collection<Keys.Key> keys) {
        List<Keys.Key> missing = keys.stream().distinct().filter(k -> !known.containsKey(k)).toList();
        if (missing.isEmpty()) {
            return;
        }
        Map<Keys.Key, Map<String, AttributeValue>> found = table.getAll(missing);
        missing.forEach(k -> known.put(k, Optional.ofNullable(found.get(k))));
    }

    Optional<Map<String, AttributeValue>> get(Keys.Key key) {
        return known.computeIfAbsent(key, table::get);
    }

    /** After a write whose result is not known exactly (counters, seats): the next read goes to the table. */
    void forget(Keys.Key key) {
        known.remove(key);
    }

    /** After a write that set one attribute: the cached item (or a new partial one) carries the new value. */
    void note(Keys.Key key, String name, AttributeValue value) {
        Map<String, AttributeValue> item = new HashMap<>(get(key).orElse(Map.of()));
        item.put(name, value);
        known.put(key, Optional.of(item));
    }

    void put(Keys.Key key, Map<String, AttributeValue> item) {
        known.put(key, Optional.of(item));
    }
}
