package dev.promptloop.refinement;

import dev.promptloop.core.ConcurrentChangeException;
import dev.promptloop.feedback.FeedbackRepository;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptRepository;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The first step of every refinement round: a running canary or watch is decided from people's feedback (see
 * {@link Trials}) before the prompt is considered for refinement. Feedback since a week before the trial began is
 * tallied, so the baseline's recent record counts (renders live a week).
 */
public class TrialStep {

    private final PromptRepository prompts;
    private final FeedbackRepository feedback;
    private final Clock clock;

    public TrialStep(PromptRepository prompts, FeedbackRepository feedback, Clock clock) {
        this.prompts = prompts;
        this.feedback = feedback;
        this.clock = clock;
    }

    /** The prompt's head after any trial decision, or empty for a prompt that does not exist. */
    public Optional<PromptHead> advance(String promptId) {
        return prompts.head(promptId).map(this::decide);
    }

    private PromptHead decide(PromptHead head) {
        var trial = head.canary().or(head::watch);
        if (trial.isEmpty()) {
            return head;
        }
        var tallies = feedback.tallySince(head.promptId(), trial.get().since().minus(Duration.ofDays(7)));
        var decision = Trials.decide(head, tallies, clock.instant());
        if (decision.isEmpty()) {
            return head;
        }
        try {
            return prompts.update(head, decision.get());
        } catch (ConcurrentChangeException e) {
            // someone moved a label meanwhile; the next feedback decides on the new state
            return prompts.head(head.promptId()).orElse(head);
        }
    }
}
