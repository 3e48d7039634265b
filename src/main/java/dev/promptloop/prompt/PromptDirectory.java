package dev.promptloop.prompt;

import dev.promptloop.core.Page;
import dev.promptloop.feedback.FeedbackRepository;

/** Lists prompts, each with the negative feedback that waits on its production version. */
public class PromptDirectory {

    private final PromptRepository prompts;
    private final FeedbackRepository feedback;

    public PromptDirectory(PromptRepository prompts, FeedbackRepository feedback) {
        this.prompts = prompts;
        this.feedback = feedback;
    }

    public Page<PromptSummary> list(PromptQuery query) {
        return prompts.list(query).map(p -> p.withPendingNegative(feedback.countPending(p.promptId(),
                p.production())));
    }
}
