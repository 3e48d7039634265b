package dev.promptloop.refinement;

import dev.promptloop.evaluation.CallBudget;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.prompt.RefinementUsage;

import java.util.List;
import java.util.function.Supplier;

/**
 * Whether a prompt is refined now, decided from what is already read: enough weighted negative feedback on
 * production, budget left today, and room for more rules in the production version (read only when it is needed).
 */
sealed interface RefinementDecision {

    /** Bounds the system message a version adds and the size of its item. */
    int MAX_RULES_PER_VERSION = 30;

    /** Refine, adding at most {@code room} rules and spending at most {@code budget}. */
    record Refine(PromptVersion base, int room, CallBudget budget) implements RefinementDecision {
    }

    /** Not now, for a reason that needs no record. */
    record Skip(RefinementOutcome.Status status, String detail) implements RefinementDecision {
    }

    /** Today's budget is spent; the first such stop of a day is recorded in the prompt's history. */
    record BudgetReached(String detail) implements RefinementDecision {
    }

    static RefinementDecision decide(PromptHead head, List<Feedback> pending, RefinementUsage usage,
            Supplier<PromptVersion> production) {
        if (head.settings().archived()) {
            return new Skip(RefinementOutcome.Status.ARCHIVED, "prompt '" + head.promptId() + "' is archived");
        }
        var settings = head.refinement();
        double weight = pending.stream().mapToDouble(f -> f.source() == Feedback.Source.CHECK
                ? settings.checkWeight() : 1.0).sum();
        if (weight < settings.threshold()) {
            return new Skip(RefinementOutcome.Status.BELOW_THRESHOLD, "negative feedback weighs " + weight + " of "
                    + settings.threshold() + " on version " + head.production());
        }
        var caps = settings.budget();
        if (spent(caps, usage)) {
            return new BudgetReached("daily refinement budget reached (" + usage.modelCalls() + " model calls, "
                    + usage.tokens() + " tokens); refinement resumes tomorrow (UTC)");
        }
        PromptVersion base = production.get();
        int room = Math.min(settings.maxNewRules(), MAX_RULES_PER_VERSION - base.rules().size());
        if (room <= 0) {
            return new Skip(RefinementOutcome.Status.NO_RULES, "version " + base.version() + " already has "
                    + base.rules().size() + " rules, the most a version holds");
        }
        return new Refine(base, room, left(caps, usage));
    }

    /** Whether the day's usage has reached either cap (the evaluation gate of hand-written versions asks too). */
    static boolean spent(RefinementSettings.BudgetSettings caps, RefinementUsage usage) {
        return usage.modelCalls() >= caps.maxModelCallsPerDay() || usage.tokens() >= caps.maxTokensPerDay();
    }

    /** What the day's caps leave of calls and tokens. */
    static CallBudget left(RefinementSettings.BudgetSettings caps, RefinementUsage usage) {
        return new CallBudget(caps.maxModelCallsPerDay() - usage.modelCalls(), caps.maxTokensPerDay() - usage.tokens());
    }
}
