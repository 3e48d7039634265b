package dev.promptloop.refinement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the optimizer's answer. Whatever the model writes, only short single-line rules that cite critiques it was
 * shown survive; the rest is dropped, never repaired.
 */
public final class RuleProposals {

    public static final int MAX_RULE_CHARS = 160;
    private static final ObjectMapper JSON = new ObjectMapper();

    private RuleProposals() {
    }

    /**
     * @param critiqueIds feedback ids in the order their labels were given to the model
     * @param existing rule texts already in the version, which a proposal may not repeat
     * @param ownerTexts the owner's system text and protected rules (see {@link RuleSafety})
     */
    public static List<ProposedRule> parse(String answer, List<String> critiqueIds, List<String> existing,
            List<String> ownerTexts, int maxRules) {
        JsonNode rules = readRules(answer);
        Set<String> seen = new LinkedHashSet<>();
        existing.forEach(rule -> seen.add(normalise(rule)));
        List<ProposedRule> accepted = new ArrayList<>();
        for (JsonNode node : rules) {
            if (accepted.size() == maxRules) {
                break;
            }
            String text = node.path("rule").asText("").strip();
            if (!acceptable(text) || !RuleSafety.acceptable(text, ownerTexts) || !seen.add(normalise(text))) {
                continue;
            }
            List<String> cited = new ArrayList<>();
            for (JsonNode label : node.path("critiques")) {
                int index = indexOf(label.asText(""));
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

    private static JsonNode readRules(String answer) {
        if (answer == null) {
            return JSON.createArrayNode();
        }
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end < start) {
            return JSON.createArrayNode();
        }
        try {
            JsonNode rules = JSON.readTree(answer.substring(start, end + 1)).path("rules");
            return rules.isArray() ? rules : JSON.createArrayNode();
        } catch (IOException e) {
            return JSON.createArrayNode();
        }
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
