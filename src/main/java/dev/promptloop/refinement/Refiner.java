package dev.promptloop.refinement;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackRepository;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptRepository;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.render.ChatModel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns recurring negative feedback on a prompt's production version into a new version with more rules.
 *
 * <p>Safe to run twice, or twice at once, for the same feedback: the new version, its label and the consumption of
 * every feedback item are written in one conditional transaction, so only one attempt lands and the other reports
 * {@link RefinementOutcome.Status#SUPERSEDED}.
 */
public class Refiner {

    /** Keeps the publishing transaction (version + head + one update per feedback) well under 100 actions. */
    public static final int MAX_FEEDBACK_PER_REFINEMENT = 20;
    /** Bounds the system message a version adds and the size of its item. */
    public static final int MAX_RULES_PER_VERSION = 30;

    private final PromptRepository prompts;
    private final FeedbackRepository feedback;
    private final ChatModel model;
    private final VersionPublisher publisher;
    private final ModelSettings optimizerModel;
    private final Clock clock;

    public Refiner(PromptRepository prompts, FeedbackRepository feedback, ChatModel model, VersionPublisher publisher,
            ModelSettings optimizerModel, Clock clock) {
        this.prompts = prompts;
        this.feedback = feedback;
        this.model = model;
        this.publisher = publisher;
        this.optimizerModel = optimizerModel;
        this.clock = clock;
    }

    public RefinementOutcome refine(String promptId) {
        Optional<PromptHead> found = prompts.head(promptId);
        if (found.isEmpty()) {
            return outcome(promptId, RefinementOutcome.Status.UNKNOWN_PROMPT, 0, null, "no such prompt");
        }
        PromptHead head = found.get();
        var settings = head.refinement();
        int production = head.production();
        List<Feedback> pending = feedback.pendingNegative(promptId, production, MAX_FEEDBACK_PER_REFINEMENT);
        if (pending.size() < settings.threshold()) {
            return outcome(promptId, RefinementOutcome.Status.BELOW_THRESHOLD, pending.size(), null,
                    pending.size() + " of " + settings.threshold() + " negative feedbacks on version " + production);
        }
        PromptVersion base = prompts.version(promptId, production).orElseThrow(() -> new IllegalStateException(
                "label production of " + promptId + " points at missing version " + production));

        int room = Math.min(settings.maxNewRules(), MAX_RULES_PER_VERSION - base.rules().size());
        if (room <= 0) {
            return outcome(promptId, RefinementOutcome.Status.NO_RULES, pending.size(), null,
                    "version " + production + " already has " + base.rules().size() + " rules, the most a version holds");
        }
        var reply = model.complete(OptimizerPrompt.messages(base, pending, room), optimizerModel);
        List<String> existing = base.rules().stream().map(LearnedRule::text).toList();
        List<ProposedRule> proposals = RuleProposals.parse(reply.text(),
                pending.stream().map(Feedback::feedbackId).toList(), existing, room);
        if (proposals.isEmpty()) {
            return outcome(promptId, RefinementOutcome.Status.NO_RULES, pending.size(), null,
                    "the optimizer proposed no usable rule");
        }

        var now = clock.instant();
        int next = head.latestVersion() + 1;
        List<LearnedRule> rules = new ArrayList<>(base.rules());
        proposals.forEach(p -> rules.add(new LearnedRule(p.text(), p.feedbackIds(), next, now)));
        var version = new PromptVersion(promptId, next, base.template(), base.model(), rules, now,
                "refined from " + pending.size() + " negative feedbacks on version " + production, production);
        try {
            publisher.publish(new RefinedVersion(head, version, settings.promotion().targetLabel(), pending));
        } catch (ConcurrentRefinementException e) {
            return outcome(promptId, RefinementOutcome.Status.SUPERSEDED, pending.size(), null, e.getMessage());
        }
        return outcome(promptId, RefinementOutcome.Status.REFINED, pending.size(), next,
                proposals.size() + " rules added; label " + settings.promotion().targetLabel() + " moved to " + next);
    }

    private static RefinementOutcome outcome(String promptId, RefinementOutcome.Status status, int pending,
            Integer version, String detail) {
        return new RefinementOutcome(promptId, status, pending, Optional.ofNullable(version), detail);
    }
}
