package io.headcount.adapters;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts DynamoDB round trips made by the current thread, so every request can log what it cost. A retried
 * HTTP attempt counts again: it is a round trip too.
 */
public final class StoreCalls implements ExecutionInterceptor {
    private static final ThreadLocal<int[]> CALLS = ThreadLocal.withInitial(() -> new int[1]);

    /** Starts counting for a new request on this thread. */
    public static void reset() {
        CALLS.get()[0] = 0;
    }

    public static int count() {
        return CALLS.get()[0];
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        CALLS.get()[0]++;
    }
}
