package dev.promptloop.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.core.Page;
import dev.promptloop.feedback.FeedbackEntry;
import dev.promptloop.feedback.FeedbackQuery;

/** A page of a prompt's feedback as {@code GET /prompts/{id}/feedback} writes it. */
public final class FeedbackReplies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FeedbackReplies() {
    }

    public static ObjectNode write(String promptId, FeedbackQuery query, Page<FeedbackEntry> page) {
        ObjectNode out = JSON.objectNode().put("id", promptId);
        var items = out.putArray("feedback");
        for (FeedbackEntry entry : page.items()) {
            var feedback = entry.feedback();
            ObjectNode item = items.addObject().put("feedbackId", feedback.feedbackId())
                    .put("renderId", feedback.renderId()).put("version", feedback.version())
                    .put("source", feedback.source().wireName()).put("negative", feedback.negative())
                    .put("status", entry.state());
            feedback.rating().ifPresent(r -> item.put("rating", r));
            feedback.thumb().ifPresent(t -> item.put("thumb", t.wireName()));
            feedback.critique().ifPresent(c -> item.put("critique", c));
            var tags = item.putArray("tags");
            feedback.tags().forEach(tags::add);
            entry.consumedBy().ifPresent(v -> item.put("consumedBy", v));
            entry.unresolvedBy().ifPresent(v -> item.put("unresolvedBy", v));
            if (!entry.feedback().triedBy().isEmpty()) {
                var tried = item.putArray("triedBy");
                entry.feedback().triedBy().forEach(tried::add);
            }
            item.put("createdAt", feedback.createdAt().toString());
        }
        page.next().ifPresent(position -> out.put("next", Cursors.encode(ListQueries.feedbackScope(promptId,
                query.status(), query.version()), position)));
        return out;
    }
}
