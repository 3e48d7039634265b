package dev.promptloop.store;

import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptVersion;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes heads, versions and history events as the store's transactions leave them, 25 at a time. For tests and
 * benchmarks of long lives only: moto copies a whole table on every transaction, so thousands of real transactions
 * on one table take tens of minutes there (on DynamoDB each costs the same whatever the table holds).
 */
public final class PlantedItems {

    private PlantedItems() {
    }

    public static void heads(DynamoDbClient dynamo, String table, List<PromptHead> heads) {
        write(dynamo, table, heads.stream().map(HeadItems::item).toList());
    }

    public static void versions(DynamoDbClient dynamo, String table, List<PromptVersion> versions) {
        write(dynamo, table, versions.stream().map(VersionItems::item).toList());
    }

    public static void history(DynamoDbClient dynamo, String table, String promptId, List<HistoryEntry> entries) {
        write(dynamo, table, entries.stream().map(e -> HistoryItems.item(promptId, e, UUID.randomUUID().toString()))
                .toList());
    }

    private static void write(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        UnprocessedResends.putAll(dynamo, table, items);
    }
}
