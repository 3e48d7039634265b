package dev.promptloop.support;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts DynamoDB round trips per operation; registered for the whole test profile with
 * {@code quarkus.dynamodb.interceptors}. Tests use it to show that a rejected request made no write at all.
 */
public class DynamoCallCounter implements ExecutionInterceptor {

    private static final Set<String> WRITES = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem",
            "TransactWriteItems");

    private static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();
    private static final Set<String> TABLES = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger SUCCESSFUL_WRITES = new AtomicInteger();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        CALLS.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicInteger())
                .incrementAndGet();
        context.request().getValueForField("TableName", String.class).ifPresent(TABLES::add);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (WRITES.contains(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            SUCCESSFUL_WRITES.incrementAndGet();
        }
    }

    /**
     * Write calls DynamoDB carried out so far, of any table. A conditional write it refused (a taken id, say) changed
     * nothing and is not counted.
     */
    public static int writes() {
        return SUCCESSFUL_WRITES.get();
    }

    public static void reset() {
        CALLS.clear();
        TABLES.clear();
    }

    /** The tables single-table calls addressed since the last reset. */
    public static Set<String> tables() {
        return Set.copyOf(TABLES);
    }

    public static Map<String, Integer> calls() {
        Map<String, Integer> copy = new TreeMap<>();
        CALLS.forEach((operation, count) -> copy.put(operation, count.get()));
        return copy;
    }
}
