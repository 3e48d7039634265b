package dev.promptloop.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.core.Page;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryQuery;

/** A page of a prompt's history as the management API writes it. */
public final class HistoryReplies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private HistoryReplies() {
    }

    public static ObjectNode write(String promptId, HistoryQuery query, Page<HistoryEntry> page) {
        ObjectNode out = JSON.objectNode();
        out.put("id", promptId);
        var events = out.putArray("history");
        page.items().forEach(e -> events.add(event(e)));
        page.next().ifPresent(position -> out.put("next",
                Cursors.encode(ListQueries.historyScope(promptId, query.kind()), position)));
        return out;
    }

    static ObjectNode event(HistoryEntry entry) {
        ObjectNode out = JSON.objectNode().put("kind", entry.kind().wireName());
        if (entry.label() != null) {
            out.put("label", entry.label());
        }
        if (entry.from() != null) {
            out.put("from", entry.from());
        }
        if (entry.to() != null) {
            out.put("to", entry.to());
        }
        return out.put("reason", entry.reason()).put("actor", entry.actor()).put("at", entry.at().toString());
    }
}
