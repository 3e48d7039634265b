package dev.promptloop.store;

import dev.promptloop.prompt.HistoryEntry;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The items that record history events, as puts for the transaction that makes the change they record. */
final class HistoryWrites {

    private HistoryWrites() {
    }

    /** Each event as a new item, and a rollback mark for each version an event rolled back. */
    static List<TransactWriteItem> puts(String table, String promptId, List<HistoryEntry> entries) {
        List<TransactWriteItem> puts = new ArrayList<>();
        for (HistoryEntry entry : entries) {
            puts.add(put(table, HistoryItems.item(promptId, entry, UUID.randomUUID().toString())));
            entry.rolledBack().ifPresent(v -> puts.add(put(table, RollbackMarks.item(promptId, v, entry))));
        }
        return puts;
    }

    private static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item).build()).build();
    }
}
