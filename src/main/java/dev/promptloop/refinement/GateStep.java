package dev.promptloop.refinement;

import dev.promptloop.core.ConcurrentChangeException;
import dev.promptloop.evaluation.BudgetExhaustedException;
import dev.promptloop.evaluation.CallBudget;
import dev.promptloop.evaluation.Evaluator;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackRepository;
import dev.promptloop.prompt.Evaluation;
import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptRepository;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.prompt.Trial;
import dev.promptloop.render.ModelUnavailableException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Decides the evaluation gate a hand-written version waits for: it is replayed against today's production on the
 * same cases a refinement's candidate would be (the renders behind the pending critiques, the regression suite and
 * renders people liked), judged against the protected rules and those critiques, and its model calls count into the
 * day's refinement budget. It passes to production (watched), fails to the rejected label, or, when no verdict can
 * be had, is abandoned and the version stays unlabelled. One gate at a time; refinement waits for it.
 */
public class GateStep {

    private final PromptRepository prompts;
    private final FeedbackRepository feedback;
    private final EvaluationSet evaluationSet;
    private final Evaluator evaluator;
    private final Clock clock;

    public GateStep(PromptRepository prompts, FeedbackRepository feedback, EvaluationSet evaluationSet,
            Evaluator evaluator, Clock clock) {
        this.prompts = prompts;
        this.feedback = feedback;
        this.evaluationSet = evaluationSet;
        this.evaluator = evaluator;
        this.clock = clock;
    }

    /** The head after a gate step, the event that decided its gate and the evaluation behind it, if any. */
    public record Result(PromptHead head, Optional<HistoryEntry> decision, Optional<Evaluation> evaluation) {
    }

    /**
     * Decides the head's gate, if it has one.
     *
     * @throws ModelUnavailableException.Transient when the model may answer on a retry (the gate stays pending)
     */
    public Result decide(PromptHead head) {
        if (head.gate().isEmpty()) {
            return new Result(head, Optional.empty(), Optional.empty());
        }
        Trial gate = head.gate().get();
        Instant now = clock.instant();
        RefinementUsage usage = head.usage().on(LocalDate.ofInstant(now, ZoneOffset.UTC));
        if (head.liveGate(now).isEmpty()) {
            return abandon(head, usage, "not decided within " + PromptHead.GATE_LIFETIME.toMinutes()
                    + " minutes of being written; the refine function's failures queue holds why");
        }
        if (head.settings().archived()) {
            return abandon(head, usage, "the prompt is archived");
        }
        if (head.production() != gate.baseline()) {
            // the version was written from, and is judged against, the production of its time
            return abandon(head, usage, "production moved from version " + gate.baseline() + " to "
                    + head.production() + " while it waited");
        }
        var caps = head.refinement().budget();
        if (RefinementDecision.spent(caps, usage)) {
            return abandon(head, usage, "the day's refinement budget is spent (" + usage.modelCalls()
                    + " model calls, " + usage.tokens() + " tokens)");
        }
        CallBudget budget = RefinementDecision.left(caps, usage);
        PromptVersion production = version(head, head.production());
        PromptVersion candidate = version(head, gate.version());
        try {
            List<Feedback> pending = feedback.pendingNegative(head.promptId(), production.version(),
                    Refiner.MAX_FEEDBACK_PER_REFINEMENT);
            var settings = head.refinement().evaluation();
            var cases = evaluationSet.build(head.promptId(), production.version(), pending, settings.maxCases())
                    .cases();
            if (cases.isEmpty()) {
                return abandon(head, usage, "no evaluation cases (no recent renders of version "
                        + production.version() + " with feedback to replay, and no regression suite)");
            }
            var evaluation = evaluator.evaluate(production, candidate, cases, RefinementPipeline.rubric(production,
                    pending), settings, budget);
            var spent = usage.plus(budget.calls(), budget.tokens());
            String reason = "against version " + production.version() + ": " + evaluation.reason();
            var update = evaluation.promoted()
                    ? HeadUpdate.gatePassed(HistoryEntry.moving(HistoryKind.GATE_PASSED, head, Labels.PRODUCTION,
                            gate.version(), reason, HistoryEntry.REFINEMENT, now),
                            new Trial(gate.version(), production.version(), now), spent)
                    : HeadUpdate.gateFailed(HistoryEntry.moving(HistoryKind.GATE_FAILED, head, Labels.REJECTED,
                            gate.version(), reason, HistoryEntry.REFINEMENT, now), spent);
            return update(head, update, Optional.of(evaluation));
        } catch (BudgetExhaustedException e) {
            return abandon(head, usage.plus(budget.calls(), budget.tokens()), e.getMessage());
        } catch (ModelUnavailableException e) {
            if (e instanceof ModelUnavailableException.Transient) {
                throw e;
            }
            return abandon(head, usage.plus(budget.calls(), budget.tokens()), "the model failed: " + e.getMessage());
        }
    }

    private Result abandon(PromptHead head, RefinementUsage spent, String why) {
        int version = head.gate().orElseThrow().version();
        return update(head, HeadUpdate.gateAbandoned(HistoryEntry.event(HistoryKind.GATE_ABANDONED, version,
                "the evaluation gate of version " + version + " gave no verdict: " + why, HistoryEntry.REFINEMENT,
                clock.instant()), spent), Optional.empty());
    }

    /**
     * @throws ConcurrentChangeException when the head changed meanwhile: the gate is still pending, and failing the
     *         stream record lets Lambda deliver it again to decide on the new head
     */
    private Result update(PromptHead head, HeadUpdate update, Optional<Evaluation> evaluation) {
        return new Result(prompts.update(head, update), Optional.of(update.history().get(0)), evaluation);
    }

    private PromptVersion version(PromptHead head, int number) {
        return prompts.version(head.promptId(), number).orElseThrow(() -> new IllegalStateException("version "
                + number + " of " + head.promptId() + " is missing"));
    }
}
