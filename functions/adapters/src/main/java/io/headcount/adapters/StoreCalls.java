package io.headcount.adapters;

import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Counts DynamoDB round trips made by the current thread, so every request can log what it cost. A retried
 * HTTP attempt counts again: it is a round trip too.
 */
public final class StoreCalls implements ExecutionInterceptor {
    private static final ThreadLocal<int[]> CALLS = ThreadLocal.withInitial(() -> new int[1]);
    private static final ThreadLocal<Map<String, Integer>> BY_OPERATION = ThreadLocal.withInitial(TreeMap::new);

    /** Starts counting for a new request on this thread. */
    public static void reset() {
        CALLS.get()[0] = 0;
        BY_OPERATION.get().clear();
    }

    public static int count() {
        return CALLS.get()[0];
    }

    /** The round trips since the last reset by DynamoDB operation name (e.g. BatchWriteItem), for measurements. */
    public static Map<String, Integer> byOperation() {
        return new TreeMap<>(BY_OPERATION.get());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        CALLS.get()[0]++;
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        BY_OPERATION.get().merge(operation == null ? "?" : operation, 1, Integer::sum);
    }
}
