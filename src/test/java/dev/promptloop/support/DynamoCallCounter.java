package dev.promptloop.support;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts DynamoDB round trips per operation (registered with quarkus.dynamodb.interceptors in a test profile). */
public class DynamoCallCounter implements ExecutionInterceptor {

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        CALLS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                .incrementAndGet();
    }

    public static void reset() {
        CALLS.clear();
    }

    public static Map<String, Integer> calls() {
        Map<String, Integer> copy = new TreeMap<>();
        CALLS.forEach((operation, count) -> copy.put(operation, count.get()));
        return copy;
    }
}
