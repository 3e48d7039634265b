package dev.promptloop.refinement;

import dev.promptloop.evaluation.BudgetExhaustedException;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackRepository;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptRepository;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementUsage;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns recurring negative feedback on a prompt's production version into a new version with more rules: reads the
 * pending feedback, asks {@link RefinementDecision} whether to refine now, and runs the {@link RefinementPipeline}.
 * Trials are decided before, by {@link TrialStep}.
 *
 * <p>Safe to run twice, or twice at once, for the same feedback: the new version, its label and the consumption of
 * every feedback item are written in one conditional transaction, so only one attempt lands and the other reports
 * {@link RefinementOutcome.Status#SUPERSEDED}.
 */
public class Refiner {

    /**
     * Keeps the publishing transaction (version, head, history, one update per feedback, and the regression cases made
     * of them with those they evict) well under DynamoDB's 100 actions.
     */
    public static final int MAX_FEEDBACK_PER_REFINEMENT = 20;

    /**
     * How much pending feedback the decision weighs: more than one refinement takes, so that one voter's many
     * critiques, oldest first, cannot hide everybody else's from the threshold.
     */
    static final int DECISION_WINDOW = 1000;

    private final PromptRepository prompts;
    private final FeedbackRepository feedback;
    private final VersionPublisher publisher;
    private final RefinementPipeline pipeline;
    private final Clock clock;

    public Refiner(PromptRepository prompts, FeedbackRepository feedback, VersionPublisher publisher,
            RefinementPipeline pipeline, Clock clock) {
        this.prompts = prompts;
        this.feedback = feedback;
        this.publisher = publisher;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    /** The refinement check of a prompt whose trials {@link TrialStep} has decided. */
    public RefinementOutcome refine(PromptHead head) {
        String promptId = head.promptId();
        if (head.canary().isPresent()) {
            return RefinementOutcome.stopped(promptId, RefinementOutcome.Status.CANARY_RUNNING, 0, "canary of version "
                    + head.canary().get().version() + " is running; refinement waits for its decision");
        }
        if (head.gate().isPresent()) {
            return RefinementOutcome.stopped(promptId, RefinementOutcome.Status.GATE_PENDING, 0, "version "
                    + head.gate().get().version() + " waits for its evaluation gate; refinement waits for the verdict");
        }
        List<Feedback> window = feedback.pendingNegative(promptId, head.production(), DECISION_WINDOW);
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        RefinementUsage usage = head.usage().on(today);
        var decision = RefinementDecision.decide(head, window, usage, () -> production(head));
        List<Feedback> pending = RefinementDecision.fairShare(window, MAX_FEEDBACK_PER_REFINEMENT);
        if (decision instanceof RefinementDecision.Skip skip) {
            return RefinementOutcome.stopped(promptId, skip.status(), window.size(), skip.detail());
        }
        if (decision instanceof RefinementDecision.BudgetReached reached) {
            if (!usage.stopRecorded()) {
                publisher.recordUsage(promptId, usage.withStopRecorded(), Optional.of(HistoryEntry.event(
                        HistoryKind.BUDGET_REACHED, null, reached.detail(), HistoryEntry.REFINEMENT, now)));
            }
            return RefinementOutcome.stopped(promptId, RefinementOutcome.Status.BUDGET_EXHAUSTED, window.size(),
                    reached.detail());
        }
        var refine = (RefinementDecision.Refine) decision;
        try {
            return pipeline.run(head, refine, pending, attempts(promptId, pending), usage, now);
        } catch (BudgetExhaustedException e) {
            publisher.recordUsage(promptId, usage.plus(refine.budget().calls(), refine.budget().tokens()),
                    Optional.of(HistoryEntry.event(HistoryKind.BUDGET_EXHAUSTED, null, e.getMessage(),
                            HistoryEntry.REFINEMENT, now)));
            return RefinementOutcome.stopped(promptId, RefinementOutcome.Status.BUDGET_EXHAUSTED, pending.size(),
                    e.getMessage());
        }
    }

    /** The rejected versions the feedback was tried in, newest first, at most as many as a critique is tried. */
    private List<PromptVersion> attempts(String promptId, List<Feedback> pending) {
        return pending.stream().flatMap(f -> f.triedBy().stream()).distinct().sorted(Comparator.reverseOrder())
                .limit(Feedback.MAX_ATTEMPTS).map(v -> prompts.version(promptId, v)).flatMap(Optional::stream)
                .toList();
    }

    private PromptVersion production(PromptHead head) {
        return prompts.version(head.promptId(), head.production()).orElseThrow(() -> new IllegalStateException(
                "label production of " + head.promptId() + " points at missing version " + head.production()));
    }
}
