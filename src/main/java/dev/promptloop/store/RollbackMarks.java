package dev.promptloop.store;

import dev.promptloop.prompt.HistoryEntry;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;

import static dev.promptloop.store.Attributes.number;

/**
 * A mark {@code R#<version>} under a prompt for each version that production left for an older one, or whose canary
 * was rolled back: a version's status needs that fact, and versions are immutable, so it is kept beside them
 * (written with the history event that records it) instead of being searched for in the history.
 */
final class RollbackMarks {

    private RollbackMarks() {
    }

    static String sortKey(int version) {
        return PromptItems.ROLLBACK_PREFIX + SortKeys.version(version);
    }

    static Map<String, AttributeValue> item(String promptId, int version, HistoryEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(PromptItems.key(promptId, sortKey(version)));
        ItemFormat.stamp(item);
        item.put("version", number(version));
        item.put(HistoryItems.KIND, AttributeValue.fromS(entry.kind().wireName()));
        item.put("at", AttributeValue.fromS(entry.at().toString()));
        return item;
    }

    static int version(Map<String, AttributeValue> item) {
        return Attributes.integer(item, "version", 0);
    }
}
