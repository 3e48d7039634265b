package dev.promptloop.store;

import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.Labels;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.promptloop.store.Attributes.instant;
import static dev.promptloop.store.Attributes.number;
import static dev.promptloop.store.Attributes.optionalInteger;
import static dev.promptloop.store.Attributes.optionalString;
import static dev.promptloop.store.Attributes.putIfPresent;
import static dev.promptloop.store.Attributes.string;

/** One history entry as a map in the head's {@code history} list. */
final class HistoryItems {

    private HistoryItems() {
    }

    static AttributeValue write(HistoryEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("kind", AttributeValue.fromS(entry.kind().wireName()));
        putIfPresent(item, "label", Optional.ofNullable(entry.label()));
        if (entry.from() != null) {
            item.put("from", number(entry.from()));
        }
        if (entry.to() != null) {
            item.put("to", number(entry.to()));
        }
        item.put("reason", AttributeValue.fromS(entry.reason()));
        item.put("at", AttributeValue.fromS(entry.at().toString()));
        return AttributeValue.fromM(item);
    }

    static HistoryEntry entry(Map<String, AttributeValue> item) {
        String label = optionalString(item, "label").orElse(null);
        Integer from = optionalInteger(item, "from").orElse(null);
        Integer to = optionalInteger(item, "to").orElse(null);
        String reason = string(item, "reason");
        HistoryKind kind = optionalString(item, "kind").flatMap(HistoryKind::fromWireName)
                .orElseGet(() -> legacyKind(label, from, to, reason));
        return new HistoryEntry(kind, label, from, to, reason, instant(item, "at"));
    }

    /**
     * Entries written before history had kinds (item format 0) carry only label, versions and reason; their kind is
     * recovered here, once, from the reasons that code wrote. Nothing outside this reader looks at a reason's words.
     */
    private static HistoryKind legacyKind(String label, Integer from, Integer to, String reason) {
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
}
