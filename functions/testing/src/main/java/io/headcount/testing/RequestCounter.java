package io.headcount.testing;

import io.headcount.localkit.Emulator;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Counts a client's DynamoDB requests by operation, for the benches: each API call once, whatever its retries and
 * on any thread (the adapters' StoreCalls counts the current thread's round trips instead).
 */
public final class RequestCounter implements ExecutionInterceptor {
    private final Map<String, AtomicLong> byOperation = new ConcurrentHashMap<>();

    /** A client of the emulator whose requests this counts. */
    public DynamoDbClient client(Emulator emulator) {
        return Emulator.clientBuilder(emulator.endpoint())
                .overrideConfiguration(c -> c.addExecutionInterceptor(this)).build();
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        byOperation.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                k -> new AtomicLong()).incrementAndGet();
    }

    /** The requests since the last take, by operation name; counting starts again from zero. */
    public Map<String, Long> take() {
        Map<String, Long> counts = new TreeMap<>();
        byOperation.forEach((op, n) -> counts.put(op, n.get()));
        byOperation.clear();
        return counts;
    }
}
