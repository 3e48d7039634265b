package dev.promptloop.refinement;

import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.render.JsonReader;
import dev.promptloop.render.ModelAnswers;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the optimizer's answer as real models write it: the JSON in a code fence or prose, the rules as objects
 * ({@code rule} or {@code text}, with the labels of the critiques they come from, as {@code "c2"}, {@code "2"} or
 * {@code 2}) or as bare strings, which cite every critique shown. Whatever the model writes, only short single-line
 * rules that pass {@link RuleSafety} survive; the rest is dropped, never repaired. Beside new rules, the answer may
 * carry {@code edits} of the existing ones ({@link EditProposals}).
 */
public final class RuleProposals {

    public static final int MAX_RULE_CHARS = 160;

    private RuleProposals() {
    }

    /**
     * @param critiqueIds feedback ids in the order their labels were given to the model
     * @param existing the version's rules, in the order their labels were given to the model; a new rule may not
     *        repeat one
     * @param ownerTexts the owner's system text and protected rules (see {@link RuleSafety})
     */
    public static Proposals parse(String answer, JsonReader json, List<String> critiqueIds,
            List<LearnedRule> existing, List<String> ownerTexts, int maxRules) {
        var document = ModelAnswers.document(answer, json);
        if (document.isEmpty()) {
            return Proposals.unusable("no JSON in it");
        }
        List<?> elements = document.get() instanceof List<?> list ? list
                : document.get() instanceof Map<?, ?> object && object.get("rules") instanceof List<?> rules ? rules
                : null;
        List<?> edits = document.get() instanceof Map<?, ?> object && object.get("edits") instanceof List<?> list
                ? list : List.of();
        if (elements == null && edits.isEmpty()) {
            return Proposals.unusable("no list of rules in it");
        }
        Set<String> seen = new LinkedHashSet<>();
        existing.forEach(rule -> seen.add(normalise(rule.text())));
        List<ProposedRule> accepted = new ArrayList<>();
        int refused = 0;
        for (Object element : elements == null ? List.of() : elements) {
            if (accepted.size() == maxRules) {
                break;
            }
            var proposal = read(element, critiqueIds);
            if (proposal.isEmpty() || !acceptable(proposal.get().text(), ownerTexts)
                    || !seen.add(normalise(proposal.get().text()))) {
                refused++;
                continue;
            }
            accepted.add(proposal.get());
        }
        Set<String> newTexts = new LinkedHashSet<>();
        accepted.forEach(rule -> newTexts.add(normalise(rule.text())));
        var changes = EditProposals.read(edits, existing, critiqueIds, ownerTexts, newTexts);
        return new Proposals(accepted, changes.changes(), refused + changes.refused(), Optional.empty());
    }

    /** One element of the list; empty when it is neither a string nor an object, or it cites only labels not shown. */
    private static Optional<ProposedRule> read(Object element, List<String> critiqueIds) {
        if (element instanceof String text) {
            return Optional.of(ProposedRule.citingAllShown(text.strip(), critiqueIds));
        }
        if (!(element instanceof Map<?, ?> proposal)) {
            return Optional.empty();
        }
        String text = ModelAnswers.string(proposal, "rule").or(() -> ModelAnswers.string(proposal, "text"))
                .orElse("").strip();
        List<?> labels = ModelAnswers.list(proposal, "critiques");
        if (labels.isEmpty()) {
            return Optional.of(ProposedRule.citingAllShown(text, critiqueIds));
        }
        List<String> cited = cited(labels, critiqueIds);
        return cited.isEmpty() ? Optional.empty() : Optional.of(ProposedRule.citing(text, cited));
    }

    /** The feedback ids the labels name, each once; labels of critiques not shown name none. */
    static List<String> cited(List<?> labels, List<String> critiqueIds) {
        List<String> cited = new ArrayList<>();
        for (Object label : labels) {
            int index = labelIndex(label, 'c');
            if (index >= 0 && index < critiqueIds.size() && !cited.contains(critiqueIds.get(index))) {
                cited.add(critiqueIds.get(index));
            }
        }
        return cited;
    }

    /** Short, one line, and safe. */
    static boolean acceptable(String text, List<String> ownerTexts) {
        return acceptable(text) && RuleSafety.acceptable(text, ownerTexts);
    }

    private static boolean acceptable(String text) {
        return !text.isEmpty() && text.length() <= MAX_RULE_CHARS;
    }

    /**
     * The index a label names among those shown with this letter: "c2", "C2", "2" and 2 all name the second; anything
     * else names none (-1).
     */
    static int labelIndex(Object label, char letter) {
        String name = label instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                ? String.valueOf(number.longValue()) : label instanceof String text ? text.strip() : "";
        String prefix = "[" + Character.toLowerCase(letter) + Character.toUpperCase(letter) + "]";
        if (!name.matches(prefix + "?[1-9][0-9]{0,2}")) {
            return -1;
        }
        return Integer.parseInt(name.replaceFirst("^" + prefix, "")) - 1;
    }

    static String normalise(String rule) {
        return rule.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
