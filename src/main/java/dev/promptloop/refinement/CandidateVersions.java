package dev.promptloop.refinement;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.Evaluation;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.render.MessageComposer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A refinement's candidate version, composed from production and the optimizer's proposals, and judged. */
final class CandidateVersions {

    private CandidateVersions() {
    }

    /**
     * Production's template, settings and protected rules, with its learned rules edited as proposed; each rule that
     * an attempt changed carries that attempt's verdict too.
     *
     * @param attempts versions tried before from the same critiques, which the gate rejected
     */
    static PromptVersion compose(PromptHead head, PromptVersion base, List<Feedback> pending, Proposals proposals,
            List<PromptVersion> attempts, Instant now) {
        int next = head.latestVersion() + 1;
        List<LearnedRule> rules = RuleEdits.apply(base.rules(), proposals, next, now).stream()
                .map(rule -> withVerdictsOf(attempts, rule)).toList();
        String reason = "refined from " + pending.size() + " negative feedbacks on version " + base.version() + ": "
                + RuleEdits.summary(proposals) + (proposals.citingAllShown() == 0 ? ""
                        : "; the optimizer named no critiques for " + proposals.citingAllShown()
                                + " of its rules, which cite every critique it was shown");
        var candidate = new PromptVersion(head.promptId(), next, base.template(), base.model(), base.protectedRules(),
                rules, base.checks(), now, reason, base.version(), Optional.empty());
        if (!MessageComposer.protectedSection(candidate).equals(MessageComposer.protectedSection(base))) {
            throw new IllegalStateException("the protected rules of " + head.promptId() + " changed during refinement");
        }
        return candidate;
    }

    private static LearnedRule withVerdictsOf(List<PromptVersion> attempts, LearnedRule rule) {
        LearnedRule credited = rule;
        for (PromptVersion attempt : attempts) {
            for (LearnedRule tried : attempt.rules()) {
                for (LearnedRule.GateResult verdict : tried.gates()) {
                    if (tried.id().equals(rule.id()) && verdict.version() == attempt.version()
                            && !credited.gates().contains(verdict)) {
                        credited = credited.gated(verdict);
                    }
                }
            }
        }
        return credited;
    }

    /** The candidate with its evaluation, each rule it added or changed carrying the gate's verdict. */
    static PromptVersion judged(PromptVersion base, PromptVersion candidate, Evaluation evaluation) {
        var changed = RuleEdits.changedIds(base.rules(), candidate.rules());
        var verdict = new LearnedRule.GateResult(candidate.version(), evaluation.promoted(), evaluation.reason());
        var rules = candidate.rules().stream().map(rule -> changed.contains(rule.id()) ? rule.gated(verdict) : rule)
                .toList();
        return new PromptVersion(candidate.promptId(), candidate.version(), candidate.template(), candidate.model(),
                candidate.protectedRules(), rules, candidate.checks(), candidate.createdAt(), candidate.reason(),
                candidate.parentVersion(), Optional.of(evaluation));
    }
}
