package dev.promptloop.refinement;

import dev.promptloop.render.JsonReader;
import dev.promptloop.render.ModelAnswers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the optimizer's answer. Whatever the model writes, only short single-line rules that cite critiques it was
 * shown survive; the rest is dropped, never repaired.
 */
public final class RuleProposals {

    public static final int MAX_RULE_CHARS = 160;

    private RuleProposals() {
    }

    /**
     * @param critiqueIds feedback ids in the order their labels were given to the model
     * @param existing rule texts already in the version, which a proposal may not repeat
     * @param ownerTexts the owner's system text and protected rules (see {@link RuleSafety})
     */
    public static List<ProposedRule> parse(String answer, JsonReader json, List<String> critiqueIds,
            List<String> existing, List<String> ownerTexts, int maxRules) {
        List<?> rules = ModelAnswers.object(answer, json).map(o -> ModelAnswers.list(o, "rules")).orElse(List.of());
        Set<String> seen = new LinkedHashSet<>();
        existing.forEach(rule -> seen.add(normalise(rule)));
        List<ProposedRule> accepted = new ArrayList<>();
        for (Object element : rules) {
            if (accepted.size() == maxRules) {
                break;
            }
            if (!(element instanceof Map<?, ?> proposal)) {
                continue;
            }
            String text = ModelAnswers.string(proposal, "rule").orElse("").strip();
            if (!acceptable(text) || !RuleSafety.acceptable(text, ownerTexts) || !seen.add(normalise(text))) {
                continue;
            }
            List<String> cited = new ArrayList<>();
            for (Object label : ModelAnswers.list(proposal, "critiques")) {
                int index = label instanceof String name ? indexOf(name) : -1;
                if (index >= 0 && index < critiqueIds.size() && !cited.contains(critiqueIds.get(index))) {
                    cited.add(critiqueIds.get(index));
                }
            }
            if (!cited.isEmpty()) {
                accepted.add(new ProposedRule(text, cited));
            }
        }
        return accepted;
    }

    private static boolean acceptable(String text) {
        return !text.isEmpty() && text.length() <= MAX_RULE_CHARS;
    }

    private static int indexOf(String label) {
        if (!label.matches("c[1-9][0-9]{0,2}")) {
            return -1;
        }
        return Integer.parseInt(label.substring(1)) - 1;
    }

    private static String normalise(String rule) {
        return rule.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
