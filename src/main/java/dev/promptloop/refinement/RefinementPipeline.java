package dev.promptloop.refinement;

import dev.promptloop.core.ConcurrentChangeException;
import dev.promptloop.evaluation.BudgetExhaustedException;
import dev.promptloop.evaluation.CallBudget;
import dev.promptloop.evaluation.EvaluationCase;
import dev.promptloop.evaluation.Evaluator;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.Evaluation;
import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.Promotion;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.prompt.Trial;
import dev.promptloop.render.ChatModel;
import dev.promptloop.render.JsonReader;
import dev.promptloop.suite.SuiteChange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One refinement, step by step: propose rules (the optimizer), compose the candidate version, evaluate it against
 * production (the gate, when the promotion policy asks for it), and publish it with its label, the consumption of its
 * feedback, the cases its regression suite keeps of them and the day's usage in one conditional write.
 */
public class RefinementPipeline {

    private final Optimizer optimizer;
    private final EvaluationSet evaluationSet;
    private final Evaluator evaluator;
    private final VersionPublisher publisher;

    public RefinementPipeline(ChatModel model, ModelSettings optimizerModel, JsonReader json,
            EvaluationSet evaluationSet, Evaluator evaluator, VersionPublisher publisher) {
        this.optimizer = new Optimizer(model, optimizerModel, json);
        this.evaluationSet = evaluationSet;
        this.evaluator = evaluator;
        this.publisher = publisher;
    }

    /**
     * @param attempts earlier versions written from this feedback that the gate rejected, newest first
     * @throws BudgetExhaustedException when the budget runs out before a first candidate is evaluated
     */
    RefinementOutcome run(PromptHead head, RefinementDecision.Refine decision, List<Feedback> pending,
            List<PromptVersion> attempts, RefinementUsage usage, Instant now) {
        String promptId = head.promptId();
        PromptVersion base = decision.base();
        CallBudget budget = decision.budget();
        var settings = head.refinement();
        int rounds = settings.promotion().evaluates() ? settings.evaluation().candidates() : 1;
        var replay = evaluationSet.build(promptId, base.version(), pending, settings.evaluation().maxCases());
        List<PromptVersion> shown = new ArrayList<>(attempts);
        Proposals proposed = null;
        PromptVersion candidate = null;
        int tried = 0;
        for (int round = 0; round < rounds; round++) {
            try {
                var proposal = optimizer.propose(base, pending, shown, decision.room(), settings, budget);
                if (proposal.isEmpty()) {
                    if (candidate == null) {
                        proposed = proposal; // says why none came of it, should no later round do better
                    }
                    continue;
                }
                var next = evaluated(head, base, pending, proposal, attempts, replay.cases(), now, budget);
                tried++;
                shown.add(0, next);
                if (candidate == null || next.evaluation().orElseThrow().beats(candidate.evaluation().orElseThrow())) {
                    candidate = next;
                    proposed = proposal;
                }
            } catch (BudgetExhaustedException e) {
                if (candidate == null) {
                    throw e;
                }
                break; // the candidates evaluated so far are enough to choose from
            }
        }
        if (candidate == null) {
            publisher.recordUsage(promptId, usage.plus(budget.calls(), budget.tokens()), Optional.empty());
            return RefinementOutcome.stopped(promptId, proposed.unusable().isPresent()
                    ? RefinementOutcome.Status.OPTIMIZER_UNUSABLE : RefinementOutcome.Status.NO_RULES,
                    pending.size(), proposed.whyNone());
        }
        Optional<Evaluation> evaluation = candidate.evaluation();
        boolean passed = evaluation.map(Evaluation::promoted).orElse(true);
        String label = !passed ? Labels.REJECTED : targetLabel(settings.promotion());
        String why = evaluation.map(Evaluation::reason).orElse(candidate.reason())
                + (tried > 1 ? " (the best of " + tried + " candidates)" : "");
        var entry = HistoryEntry.moving(passed ? HistoryKind.REFINED : HistoryKind.REJECTED, head, label,
                candidate.version(), why, HistoryEntry.REFINEMENT, now);
        // a rejected version consumes nothing: its critiques stay pending for another try, up to MAX_ATTEMPTS
        List<Feedback> parked = passed ? List.of() : pending.stream().filter(Feedback::lastAttempt).toList();
        List<Feedback> retried = passed ? List.of() : pending.stream().filter(f -> !f.lastAttempt()).toList();
        var update = headUpdate(entry, passed, settings.promotion(), new Trial(candidate.version(), base.version(),
                now));
        if (!parked.isEmpty()) {
            update = update.and(HistoryEntry.event(HistoryKind.FEEDBACK_UNRESOLVED, candidate.version(),
                    parked.size() + " critiques unresolved after " + Feedback.MAX_ATTEMPTS
                            + " rejected refinements; they are no longer offered", HistoryEntry.REFINEMENT, now));
        }
        try {
            publisher.publish(new RefinedVersion(head, candidate, update, passed ? pending : List.of(), retried,
                    parked, usage.plus(budget.calls(), budget.tokens()),
                    passed ? replay.learned(pending, candidate.version(), now) : SuiteChange.NONE));
        } catch (ConcurrentChangeException e) {
            return RefinementOutcome.stopped(promptId, RefinementOutcome.Status.SUPERSEDED, pending.size(),
                    e.getMessage());
        }
        return RefinementOutcome.published(promptId, passed ? RefinementOutcome.Status.REFINED
                : RefinementOutcome.Status.REJECTED, pending.size(), candidate.version(), RuleEdits.summary(proposed)
                + "; label " + label + " moved to " + candidate.version() + "; " + why, evaluation,
                parked.size());
    }

    /** The candidate of one proposal, with its evaluation when the promotion policy asks for the gate. */
    private PromptVersion evaluated(PromptHead head, PromptVersion base, List<Feedback> pending, Proposals proposed,
            List<PromptVersion> attempts, List<EvaluationCase> cases, Instant now, CallBudget budget) {
        PromptVersion candidate = CandidateVersions.compose(head, base, pending, proposed, attempts, now);
        var settings = head.refinement();
        if (!settings.promotion().evaluates()) {
            return candidate;
        }
        return CandidateVersions.judged(base, candidate, evaluator.evaluate(base, candidate, cases,
                rubric(base, pending), settings.evaluation(), budget));
    }

    /** A passed candidate on production is watched; on the candidate label under a canary policy, it is the canary. */
    private static HeadUpdate headUpdate(HistoryEntry entry, boolean passed, Promotion promotion, Trial trial) {
        if (passed && promotion == Promotion.CANARY) {
            return HeadUpdate.canaryStart(entry, trial);
        }
        return passed && Labels.PRODUCTION.equals(entry.label()) ? HeadUpdate.promotion(entry, trial)
                : HeadUpdate.move(entry);
    }

    private static String targetLabel(Promotion promotion) {
        return promotion == Promotion.MANUAL || promotion == Promotion.CANARY ? Labels.CANDIDATE : Labels.PRODUCTION;
    }

    /** The judge scores against what people asked for and what the owner pinned. */
    static List<String> rubric(PromptVersion base, List<Feedback> pending) {
        List<String> rubric = new ArrayList<>(base.protectedRules());
        pending.stream().map(f -> f.critique().orElse(null)).filter(c -> c != null).distinct().forEach(rubric::add);
        return rubric;
    }
}
