package dev.promptloop.refinement;

import dev.promptloop.evaluation.CallBudget;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.prompt.RefinementUsage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Whether a prompt is refined now, decided from what is already read: enough weighted negative feedback on
 * production and budget left today. A production version at its rule budget is refined too: its refinement must
 * consolidate ({@link RuleEdits}), so a prompt never stops learning.
 */
sealed interface RefinementDecision {

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
        double weight = weight(pending, settings.checkWeight());
        if (weight < settings.threshold()) {
            return new Skip(RefinementOutcome.Status.BELOW_THRESHOLD, "negative feedback weighs " + weight + " of "
                    + settings.threshold() + " on version " + head.production());
        }
        var caps = settings.budget();
        if (spent(caps, usage)) {
            return new BudgetReached("daily refinement budget reached (" + usage.modelCalls() + " model calls, "
                    + usage.tokens() + " tokens); refinement resumes tomorrow (UTC)");
        }
        return new Refine(production.get(), settings.maxNewRules(), left(caps, usage));
    }

    /**
     * One voice, one vote: people's feedback weighs one per distinct voter (each piece without a known voter weighs
     * one, as before voters), a failed check weighs {@code checkWeight}. So one caller critiquing many renders cannot
     * reach the threshold alone; every critique is still shown to the optimizer.
     */
    static double weight(List<Feedback> pending, double checkWeight) {
        double weight = 0;
        Set<String> voters = new HashSet<>();
        for (Feedback feedback : pending) {
            if (feedback.source() == Feedback.Source.CHECK) {
                weight += checkWeight;
            } else if (feedback.voter().isPresent()) {
                voters.add(feedback.voter().get());
            } else {
                weight += 1;
            }
        }
        return weight + voters.size();
    }

    /**
     * At most {@code limit} of the pending feedback for one refinement, taken a voter at a time (oldest first within
     * each), so the critiques of many people are learned from before the tenth critique of one; feedback without a
     * voter, and checks, each count as a voter of their own.
     */
    static List<Feedback> fairShare(List<Feedback> pending, int limit) {
        Map<String, Deque<Feedback>> byVoter = new LinkedHashMap<>();
        for (Feedback feedback : pending) {
            String voter = feedback.voter().orElse("feedback:" + feedback.feedbackId());
            byVoter.computeIfAbsent(voter, v -> new ArrayDeque<>()).add(feedback);
        }
        List<Feedback> chosen = new ArrayList<>();
        while (chosen.size() < limit && !byVoter.isEmpty()) {
            var voters = byVoter.values().iterator();
            while (voters.hasNext() && chosen.size() < limit) {
                var queue = voters.next();
                chosen.add(queue.poll());
                if (queue.isEmpty()) {
                    voters.remove();
                }
            }
        }
        chosen.sort(Comparator.comparing(Feedback::createdAt));
        return chosen;
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
