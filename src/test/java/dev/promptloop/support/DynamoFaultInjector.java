package dev.promptloop.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes DynamoDB (moto) behave as a busy table does, underneath the SDK, so its retries and Promptloop's handling run
 * for real. While {@link #throttle} is armed for an operation, its requests go through a local relay
 * ({@link DynamoRelay}): the relay answers the next attempts as DynamoDB does when throttling
 * ({@code ProvisionedThroughputExceededException}), so they never reach moto, and passes later ones on to moto.
 * {@link #failConditions} answers the next transactions as DynamoDB does when another writer came first: cancelled,
 * their first action's condition failed. {@link #hold} keeps the next call of an operation waiting at the relay, as
 * a slow table does, until the test releases it. {@link #leaveUnprocessed} lets BatchWriteItem calls reach moto but
 * answers that every item was left unprocessed, as DynamoDB does for throttled parts of a batch. Registered for every
 * test with {@code quarkus.dynamodb.interceptors} (build-time configuration); idle until a test arms it.
 */
public class DynamoFaultInjector implements ExecutionInterceptor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BATCH_WRITE = "BatchWriteItem";
    private static final String TRANSACT_WRITE = "TransactWriteItems";
    private static final Map<String, AtomicInteger> THROTTLE = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> THROTTLED_ATTEMPTS = new ConcurrentHashMap<>();
    private static final AtomicInteger CONDITION_FAILURES = new AtomicInteger();
    private static final AtomicInteger CANCELLED = new AtomicInteger();
    private static final AtomicInteger UNPROCESSED = new AtomicInteger();
    private static final AtomicInteger BATCH_SENDS = new AtomicInteger();
    private static volatile Hold hold;
    private static final DynamoRelay RELAY = new DynamoRelay(DynamoFaultInjector::answer);

    /** The next {@code attempts} attempts of {@code operation} (PutItem, TransactWriteItems, ...) are throttled. */
    public static void throttle(String operation, int attempts) {
        THROTTLE.put(operation, new AtomicInteger(attempts));
    }

    /**
     * The next {@code transactions} TransactWriteItems calls are cancelled as DynamoDB cancels a transaction whose
     * condition another writer's change broke ({@code TransactionCanceledException}, the first action's reason
     * {@code ConditionalCheckFailed}, the others' {@code None}); nothing of them reaches moto. The SDK does not retry
     * a failed condition, so each counts one call.
     */
    public static void failConditions(int transactions) {
        CONDITION_FAILURES.set(transactions);
    }

    /** TransactWriteItems calls cancelled by {@link #failConditions} since the last reset. */
    public static int cancelledTransactions() {
        return CANCELLED.get();
    }

    /** The next call of {@code operation} waits at the relay, before it reaches moto, until {@link #release}. */
    public static void hold(String operation) {
        hold = new Hold(operation, new CountDownLatch(1), new CountDownLatch(1));
    }

    /** Whether the held call reached the relay (and waits there) within the timeout. */
    public static boolean awaitHeld(Duration timeout) throws InterruptedException {
        Hold current = hold;
        return current != null && current.arrived().await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Lets the held call go on to moto. */
    public static void release() {
        Hold current = hold;
        if (current != null) {
            current.released().countDown();
        }
    }

    /** The next {@code sends} BatchWriteItem calls answer that every item was left unprocessed. */
    public static void leaveUnprocessed(int sends) {
        UNPROCESSED.set(sends);
    }

    /** Attempts of {@code operation} throttled since the last reset. */
    public static int throttledAttempts(String operation) {
        return THROTTLED_ATTEMPTS.getOrDefault(operation, new AtomicInteger()).get();
    }

    /** BatchWriteItem calls sent since the last reset. */
    public static int batchSends() {
        return BATCH_SENDS.get();
    }

    public static void reset() {
        release();
        hold = null;
        THROTTLE.clear();
        THROTTLED_ATTEMPTS.clear();
        CONDITION_FAILURES.set(0);
        CANCELLED.set(0);
        UNPROCESSED.set(0);
        BATCH_SENDS.set(0);
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (BATCH_WRITE.equals(operation)) {
            BATCH_SENDS.incrementAndGet();
        }
        AtomicInteger remaining = THROTTLE.get(operation);
        boolean throttled = remaining != null && remaining.get() > 0;
        Hold current = hold;
        boolean held = current != null && current.operation().equals(operation) && current.arrived().getCount() > 0;
        if (!throttled && !held && !(TRANSACT_WRITE.equals(operation) && CONDITION_FAILURES.get() > 0)) {
            return context.httpRequest();
        }
        // the SDK sends this request once per attempt, so the relay decides attempt by attempt
        return RELAY.redirect(context.httpRequest(), operation);
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!unprocessedAnswer(context, attributes) || UNPROCESSED.get() == 0) {
            return context.httpResponse();
        }
        // the answer is rewritten below, so moto's checksum of the original no longer applies
        return context.httpResponse().toBuilder().removeHeader("x-amz-crc32").build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        if (!unprocessedAnswer(context, attributes) || UNPROCESSED.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            return context.responseBody();
        }
        try (InputStream sent = context.requestBody().orElseThrow().contentStreamProvider().newStream()) {
            var unprocessed = JSON.createObjectNode().set("UnprocessedItems", JSON.readTree(sent).get("RequestItems"));
            return Optional.of(new ByteArrayInputStream(JSON.writeValueAsBytes(unprocessed)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean unprocessedAnswer(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        return BATCH_WRITE.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                && context.httpResponse().isSuccessful();
    }

    /** What the relay answers one attempt with: throttled while armed, else held or cancelled while armed. */
    private static Optional<byte[]> answer(String operation, byte[] request) {
        AtomicInteger remaining = THROTTLE.getOrDefault(operation, new AtomicInteger());
        if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            THROTTLED_ATTEMPTS.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
            return Optional.of(DynamoErrors.THROTTLED);
        }
        Hold current = hold;
        if (current != null && current.operation().equals(operation) && current.take()) {
            try {
                current.released().await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
        if (TRANSACT_WRITE.equals(operation) && CONDITION_FAILURES.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            CANCELLED.incrementAndGet();
            return Optional.of(DynamoErrors.conditionFailed(request));
        }
        return Optional.empty();
    }

    /** One call held at the relay: it has arrived once {@code arrived} is down, and goes on once released. */
    private record Hold(String operation, CountDownLatch arrived, CountDownLatch released) {

        /** Whether this attempt is the one to hold (the first to arrive). */
        synchronized boolean take() {
            if (arrived.getCount() == 0) {
                return false;
            }
            arrived.countDown();
            return true;
        }
    }
}
