package io.headcount.adapters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Numbers a function reports about the invocation it is serving (decisions by outcome, events kept, plan sizes,
 * durations), written to CloudWatch in the embedded metric format: as fields of the invocation's one log line,
 * with an {@code _aws} block that names them, so no metrics API call is made and no permission is needed.
 */
public final class Metrics {
    public static final String NAMESPACE = "Headcount";
    private static final ThreadLocal<Map<String, Double>> COUNTS = ThreadLocal.withInitial(TreeMap::new);
    private static final ThreadLocal<Map<String, Double>> MILLIS = ThreadLocal.withInitial(TreeMap::new);

    private Metrics() {
    }

    /** Starts collecting for a new invocation on this thread. */
    static void reset() {
        COUNTS.get().clear();
        MILLIS.get().clear();
    }

    /** Adds to a count, e.g. {@code count("EventsAccepted", 7)}; names are UpperCamelCase. */
    public static void count(String name, double value) {
        COUNTS.get().merge(name, value, Double::sum);
    }

    /** Records a duration in milliseconds, e.g. {@code millis("DigestMillis", 12.5)}. */
    public static void millis(String name, double value) {
        MILLIS.get().merge(name, value, Double::sum);
    }

    /**
     * Adds the metrics to a log line that already holds the dimension fields {@code function} and {@code outcome},
     * with the invocation's latency and store calls among them.
     */
    static void into(Map<String, Object> line, double latencyMillis, int storeCalls) {
        List<Map<String, String>> names = new ArrayList<>();
        names.add(Map.of("Name", "Latency", "Unit", "Milliseconds"));
        names.add(Map.of("Name", "StoreCalls", "Unit", "Count"));
        line.put("Latency", latencyMillis);
        line.put("StoreCalls", storeCalls);
        COUNTS.get().forEach((name, value) -> {
            names.add(Map.of("Name", name, "Unit", "Count"));
            line.put(name, value);
        });
        MILLIS.get().forEach((name, value) -> {
            names.add(Map.of("Name", name, "Unit", "Milliseconds"));
            line.put(name, value);
        });
        line.put("_aws", Map.of("Timestamp", System.currentTimeMillis(), "CloudWatchMetrics", List.of(Map.of(
                "Namespace", NAMESPACE,
                "Dimensions", List.of(List.of("function"), List.of("function", "outcome")),
                "Metrics", names))));
    }
}
