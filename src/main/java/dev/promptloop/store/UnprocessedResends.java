package dev.promptloop.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * Batch calls, sent until DynamoDB has processed every part. The SDK retries a throttled call, but the parts DynamoDB
 * leaves unprocessed (it throttled part of the batch) come back in a successful answer: they are sent again after a
 * jittered, growing pause, a few times, then given up as {@link UnprocessedItemsException}.
 */
final class UnprocessedResends {

    /** Sends of one batch, the first included: the pauses before the resends add up to at most 0.75 s. */
    static final int ROUNDS = 5;
    private static final long BASE_PAUSE_MILLIS = 25;
    private static final int BATCH_WRITE_ITEMS = 25;

    private UnprocessedResends() {
    }

    /** Puts items into a table in batches of 25 (BatchWriteItem's most), each sent until it is processed. */
    static void putAll(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        for (int start = 0; start < items.size(); start += BATCH_WRITE_ITEMS) {
            List<WriteRequest> batch = items.subList(start, Math.min(items.size(), start + BATCH_WRITE_ITEMS))
                    .stream().map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build()).toList();
            sendAll(table, Map.of(table, batch),
                    pending -> dynamo.batchWriteItem(b -> b.requestItems(pending)).unprocessedItems(), List::size);
        }
    }

    /**
     * @param send sends a batch (table name to its requests) and returns what was left unprocessed
     */
    static <T> void sendAll(String table, Map<String, T> batch, UnaryOperator<Map<String, T>> send,
            ToIntFunction<T> size) {
        Map<String, T> unprocessed = batch;
        for (int round = 0; !unprocessed.isEmpty(); round++) {
            if (round == ROUNDS) {
                throw new UnprocessedItemsException(size.applyAsInt(unprocessed.get(table)), table, round);
            }
            pause(round);
            unprocessed = send.apply(unprocessed);
        }
    }

    private static void pause(int round) {
        if (round == 0) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(BASE_PAUSE_MILLIS << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resending an unprocessed batch", e);
        }
    }
}
