package dev.promptloop.store;

import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.Labels;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Heads written before history had items of its own (item format 0 and 1) carry their history as a list inside the
 * head, which grows until the item reaches DynamoDB's 400 KB limit. The first write after the upgrade (or the first
 * read of the history or of a version's status) moves it out: each entry becomes an item with a key made from its
 * time and its place in the list, so a migration that is cut short and run again writes the same items, and then the
 * list is emptied on condition it did not grow meanwhile.
 */
final class LegacyHistory {

    private LegacyHistory() {
    }

    /** Moves a head's embedded history into items; false when the head has none (nothing to do). */
    static boolean migrate(DynamoDbClient dynamo, String table, String promptId) {
        var key = PromptItems.key(promptId, PromptItems.HEAD);
        var item = dynamo.getItem(g -> g.tableName(table).key(key).consistentRead(true)
                .projectionExpression("#history, #usage")
                .expressionAttributeNames(Map.of("#history", HeadItems.HISTORY, "#usage", HeadItems.USAGE))).item();
        var list = item == null ? List.<HistoryEntry>of() : entries(item);
        if (list.isEmpty()) {
            return false;
        }
        List<Map<String, AttributeValue>> puts = new ArrayList<>();
        Map<Integer, Map<String, AttributeValue>> marks = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            var entry = list.get(i);
            puts.add(HistoryItems.item(promptId, entry, String.format("legacy-%06d", i)));
            rolledBack(entry).ifPresent(v -> marks.put(v, RollbackMarks.item(promptId, v, entry)));
        }
        puts.addAll(marks.values());
        UnprocessedResends.putAll(dynamo, table, puts);
        String day = Attributes.optionalString(Attributes.map(item, HeadItems.USAGE), "day").orElse("");
        emptyList(dynamo, table, key, list.size(), stopRecorded(item, day) ? Optional.of(day) : Optional.empty());
        return true;
    }

    /**
     * Empties the list (an empty list, not none: code from before the migration appends to it, and the next write
     * of this code migrates what it appended), on condition it did not grow meanwhile; the day's budget stop that
     * only the list said was recorded is now said by the usage.
     */
    private static void emptyList(DynamoDbClient dynamo, String table, Map<String, AttributeValue> key, int size,
            Optional<String> stopRecordedOn) {
        Map<String, String> names = new HashMap<>(Map.of("#history", HeadItems.HISTORY));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":size", Attributes.number(size),
                ":empty", AttributeValue.fromL(List.of())));
        String update = "SET #history = :empty";
        String condition = "size(#history) = :size";
        if (stopRecordedOn.isPresent()) {
            names.putAll(Map.of("#usage", HeadItems.USAGE, "#stop", HeadItems.STOP_RECORDED, "#day", "day"));
            values.putAll(Map.of(":stop", AttributeValue.fromBool(true),
                    ":day", AttributeValue.fromS(stopRecordedOn.get())));
            update += ", #usage.#stop = :stop";
            // a new usage day may have begun meanwhile: the stop belongs to the day it was recorded on
            condition += " AND #usage.#day = :day";
        }
        String expression = update;
        String conditions = condition;
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key).updateExpression(expression)
                    .conditionExpression(conditions)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException e) {
            // an older writer appended meanwhile, or another migration finished first: the caller's retry looks again
        }
    }

    /**
     * The version an old entry rolled back: by its kind, and, as the code of its day decided, any move of production
     * to an older version (whatever the reason its author typed).
     */
    private static Optional<Integer> rolledBack(HistoryEntry entry) {
        if (Labels.PRODUCTION.equals(entry.label()) && entry.from() != null && entry.to() != null
                && entry.to() < entry.from()) {
            return Optional.of(entry.from());
        }
        return entry.rolledBack();
    }

    /**
     * Entries written before history had kinds (item format 0) carry only label, versions and reason; their kind is
     * recovered here, once, from the reasons that code wrote. Nothing else looks at a reason's words.
     */
    static HistoryKind kind(String label, Integer from, Integer to, String reason) {
        if (label == null) {
            return reason.startsWith("daily refinement budget reached") ? HistoryKind.BUDGET_REACHED
                    : reason.startsWith("refinement budget exhausted") ? HistoryKind.BUDGET_EXHAUSTED
                    : HistoryKind.WATCH_ENDED;
        }
        if (reason.startsWith("canary rolled back")) {
            return HistoryKind.CANARY_ROLLED_BACK;
        }
        if (reason.startsWith("canary promoted")) {
            return HistoryKind.CANARY_PROMOTED;
        }
        if (reason.startsWith("rolled back automatically")) {
            return HistoryKind.AUTO_ROLLED_BACK;
        }
        if (Labels.REJECTED.equals(label)) {
            return HistoryKind.REJECTED;
        }
        if (reason.startsWith("promoted: ") || reason.startsWith("refined from ")) {
            return HistoryKind.REFINED;
        }
        if (from == null && "created".equals(reason)) {
            return HistoryKind.CREATED;
        }
        return Labels.PRODUCTION.equals(label) && from != null && to != null && to < from ? HistoryKind.ROLLED_BACK
                : HistoryKind.LABEL_MOVED;
    }

    /** The history embedded in a head item, oldest first; none once it was migrated. */
    static List<HistoryEntry> entries(Map<String, AttributeValue> head) {
        return Attributes.list(head, HeadItems.HISTORY).stream().map(v -> HistoryItems.entry(v.m())).toList();
    }

    /** Whether a legacy head's history says its usage day's budget stop was already recorded. */
    static boolean stopRecorded(Map<String, AttributeValue> head, String day) {
        return entries(head).stream()
                .anyMatch(e -> e.kind() == HistoryKind.BUDGET_REACHED && e.at().toString().startsWith(day));
    }
}
