package dev.promptloop.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.core.Page;
import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.PromptQuery;
import dev.promptloop.prompt.PromptSummary;

/** A page of prompts as {@code GET /prompts} writes it. */
public final class PromptListReplies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PromptListReplies() {
    }

    public static ObjectNode write(PromptQuery query, Page<PromptSummary> page) {
        ObjectNode out = JSON.objectNode();
        var prompts = out.putArray("prompts");
        for (PromptSummary prompt : page.items()) {
            ObjectNode item = prompts.addObject().put("id", prompt.promptId());
            prompt.description().ifPresent(d -> item.put("description", d));
            var tags = item.putArray("tags");
            prompt.tags().forEach(tags::add);
            item.put("production", prompt.production());
            Integer candidate = prompt.labels().get(Labels.CANDIDATE);
            if (candidate != null) {
                item.put("candidate", candidate);
            }
            ObjectNode labels = item.putObject("labels");
            prompt.labels().forEach(labels::put);
            item.put("latestVersion", prompt.latestVersion());
            item.put("archived", prompt.archived());
            item.put("pendingNegative", prompt.pendingNegative());
            item.put("updatedAt", prompt.updatedAt().toString());
        }
        page.next().ifPresent(position -> out.put("next",
                Cursors.encode(ListQueries.promptsScope(query.tag()), position)));
        return out;
    }
}
