package dev.promptloop.store;

import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static dev.promptloop.store.Attributes.instant;
import static dev.promptloop.store.Attributes.number;
import static dev.promptloop.store.Attributes.optionalInteger;
import static dev.promptloop.store.Attributes.optionalString;
import static dev.promptloop.store.Attributes.putIfPresent;
import static dev.promptloop.store.Attributes.string;

/**
 * One history event as its own item {@code H#<time>#<id>} under the prompt, leniently on read. The same attributes
 * were once a map in the head's {@code history} list; {@link LegacyHistory} reads those with this codec too.
 */
final class HistoryItems {

    /** The sort key shape this codec writes; positions handed back by callers must have it. */
    static final Pattern SORT_KEY = Pattern.compile("H#" + SortKeys.TIME_PATTERN + "#[a-z0-9-]{1,40}");
    /** The actor of events recorded before history said who made them. */
    static final String UNRECORDED_ACTOR = "unrecorded";
    static final String KIND = "kind";

    private HistoryItems() {
    }

    static Map<String, AttributeValue> item(String promptId, HistoryEntry entry, String id) {
        Map<String, AttributeValue> item = new HashMap<>(PromptItems.key(promptId,
                PromptItems.HISTORY_PREFIX + SortKeys.TIME.format(entry.at()) + "#" + id));
        ItemFormat.stamp(item);
        item.putAll(attributes(entry));
        return item;
    }

    static Map<String, AttributeValue> attributes(HistoryEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(KIND, AttributeValue.fromS(entry.kind().wireName()));
        putIfPresent(item, "label", Optional.ofNullable(entry.label()));
        if (entry.from() != null) {
            item.put("from", number(entry.from()));
        }
        if (entry.to() != null) {
            item.put("to", number(entry.to()));
        }
        item.put("reason", AttributeValue.fromS(entry.reason()));
        item.put("actor", AttributeValue.fromS(entry.actor()));
        item.put("at", AttributeValue.fromS(entry.at().toString()));
        return item;
    }

    static HistoryEntry entry(Map<String, AttributeValue> item) {
        String label = optionalString(item, "label").orElse(null);
        Integer from = optionalInteger(item, "from").orElse(null);
        Integer to = optionalInteger(item, "to").orElse(null);
        String reason = string(item, "reason");
        HistoryKind kind = optionalString(item, KIND).flatMap(HistoryKind::fromWireName)
                .orElseGet(() -> LegacyHistory.kind(label, from, to, reason));
        return new HistoryEntry(kind, label, from, to, reason,
                optionalString(item, "actor").orElse(UNRECORDED_ACTOR), instant(item, "at"));
    }
}
