package dev.promptloop.store;

import dev.promptloop.prompt.HistoryEntry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes history events as the items the store's transactions leave, many at a time. For tests of long histories
 * only: moto copies a whole table on every transaction, so thousands of real transactions on one table take tens of
 * minutes there (on DynamoDB each costs the same whatever the table holds).
 */
public final class PlantedHistory {

    private PlantedHistory() {
    }

    public static void plant(DynamoDbClient dynamo, String table, String promptId, List<HistoryEntry> entries) {
        for (int start = 0; start < entries.size(); start += 25) {
            List<WriteRequest> batch = entries.subList(start, Math.min(entries.size(), start + 25)).stream()
                    .map(e -> WriteRequest.builder().putRequest(p -> p.item(HistoryItems.item(promptId, e,
                            UUID.randomUUID().toString()))).build())
                    .toList();
            UnprocessedResends.sendAll(table, Map.of(table, batch),
                    pending -> dynamo.batchWriteItem(b -> b.requestItems(pending)).unprocessedItems(), List::size);
        }
    }
}
