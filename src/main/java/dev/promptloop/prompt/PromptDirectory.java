package dev.promptloop.prompt;

import dev.promptloop.core.Page;
import dev.promptloop.feedback.FeedbackEntry;
import dev.promptloop.feedback.FeedbackQuery;
import dev.promptloop.feedback.FeedbackRepository;

/** Lists prompts, each with the negative feedback that waits on its production version, and a prompt's feedback. */
public class PromptDirectory {

    private final PromptCatalog catalog;
    private final PromptRepository prompts;
    private final FeedbackRepository feedback;

    public PromptDirectory(PromptCatalog catalog, PromptRepository prompts, FeedbackRepository feedback) {
        this.catalog = catalog;
        this.prompts = prompts;
        this.feedback = feedback;
    }

    /** A page of a prompt's feedback, newest first; an unknown prompt is not found. */
    public Page<FeedbackEntry> feedback(String promptId, FeedbackQuery query) {
        catalog.head(promptId);
        return feedback.review(promptId, query);
    }

    public Page<PromptSummary> list(PromptQuery query) {
        return prompts.list(query).map(p -> p.withPendingNegative(feedback.countPending(p.promptId(),
                p.production())));
    }
}
