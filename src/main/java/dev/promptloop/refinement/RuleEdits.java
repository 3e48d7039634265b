package dev.promptloop.refinement;

import dev.promptloop.core.Texts;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.RefinementSettings;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Applies an optimizer's proposals to a version's rules in code: a reworded rule keeps its place, id and history;
 * a merged rule takes the place of the first it merges and cites the union of their feedback; a retired rule is
 * dropped; new rules come last. Protected rules are not among them, so no edit can touch one.
 */
final class RuleEdits {

    private RuleEdits() {
    }

    static List<LearnedRule> apply(List<LearnedRule> rules, Proposals proposals, int version, Instant now) {
        Map<String, RuleChange> byTarget = new HashMap<>();
        proposals.changes().forEach(change -> change.targets().forEach(id -> byTarget.put(id, change)));
        Map<String, LearnedRule> byId = new HashMap<>();
        rules.forEach(rule -> byId.put(rule.id(), rule));
        List<LearnedRule> after = new ArrayList<>();
        for (LearnedRule rule : rules) {
            RuleChange change = byTarget.get(rule.id());
            if (change == null) {
                after.add(rule);
            } else if (change instanceof RuleChange.Reword reword) {
                after.add(rule.reworded(reword.text(), version, HistoryEntry.REFINEMENT, now)
                        .recurredIn(reword.feedbackIds()));
            } else if (change instanceof RuleChange.Merge merge && merge.targets().get(0).equals(rule.id())) {
                after.add(LearnedRule.merged(merge.targets().stream().map(byId::get).toList(), merge.text(),
                        merge.feedbackIds(), version, HistoryEntry.REFINEMENT, now));
            }
        }
        proposals.rules().forEach(p -> after.add(LearnedRule.learned(p.text(), p.feedbackIds(), version, now)));
        return after;
    }

    /** What the learned rules of a version cost every render. */
    static int tokens(List<LearnedRule> rules) {
        return rules.stream().mapToInt(LearnedRule::tokens).sum();
    }

    /** Why rules do not fit the prompt's budget, if they do not: too many tokens, or more than the ceiling. */
    static Optional<String> overBudget(List<LearnedRule> rules, RefinementSettings settings) {
        int tokens = tokens(rules);
        if (tokens > settings.ruleTokens()) {
            return Optional.of(rules.size() + " rules of " + tokens + " tokens, over the budget of "
                    + settings.ruleTokens());
        }
        if (rules.size() > RefinementSettings.MAX_RULES) {
            return Optional.of(rules.size() + " rules, over the ceiling of " + RefinementSettings.MAX_RULES);
        }
        return Optional.empty();
    }

    /**
     * Why edited rules do not fit, if they do not; rules that were already over (a budget lowered since, a version
     * from when 30 rules were allowed) may step down instead: fewer tokens, and no more rules.
     */
    static Optional<String> overBudget(List<LearnedRule> before, List<LearnedRule> after,
            RefinementSettings settings) {
        var over = overBudget(after, settings);
        boolean stepsDown = tokens(after) < tokens(before) && after.size() <= before.size();
        return over.isPresent() && overBudget(before, settings).isPresent() && stepsDown ? Optional.empty() : over;
    }

    /** The rules of {@code after} that {@code before} did not have in these words: added, reworded or merged. */
    static List<String> changedIds(List<LearnedRule> before, List<LearnedRule> after) {
        Map<String, String> texts = new HashMap<>();
        before.forEach(rule -> texts.put(rule.id(), rule.text()));
        return after.stream().filter(rule -> !Objects.equals(texts.get(rule.id()), rule.text()))
                .map(LearnedRule::id).toList();
    }

    /** The proposals in words, for the version's reason: "added 1; reworded r1a2b3; merged r4 and r5; retired r6 (why)". */
    static String summary(Proposals proposals) {
        List<String> parts = new ArrayList<>();
        if (!proposals.rules().isEmpty()) {
            parts.add("added " + proposals.rules().size());
        }
        for (RuleChange change : proposals.changes()) {
            parts.add(change instanceof RuleChange.Reword reword ? "reworded " + reword.target()
                    : change instanceof RuleChange.Merge merge ? "merged " + String.join(" and ", merge.targets())
                    : "retired " + ((RuleChange.Retire) change).target() + " ("
                            + Texts.excerpt(((RuleChange.Retire) change).reason()) + ")");
        }
        return String.join("; ", parts);
    }
}
