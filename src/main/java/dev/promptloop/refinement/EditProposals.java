package dev.promptloop.refinement;

import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.render.ModelAnswers;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code edits} of the optimizer's answer: {@code {"op": "reword", "target": "r2", "rule": ..,
 * "critiques": [..]}}, {@code {"op": "merge", "targets": ["r1", "r3"], "rule": .., "critiques": [..]}} and
 * {@code {"op": "retire", "target": "r4", "reason": ..}}, naming existing rules by the labels the optimizer was shown.
 * An edit naming a rule it was not shown, or one another edit already changes, is refused; so is new text that
 * {@link RuleProposals} would refuse for a new rule.
 */
final class EditProposals {

    private EditProposals() {
    }

    /** The edits that survive, and how many were refused. */
    record Read(List<RuleChange> changes, int refused) {
    }

    /** @param newTexts the normalised texts of the new rules accepted so far, which no edit may repeat */
    static Read read(List<?> elements, List<LearnedRule> rules, List<String> critiqueIds, List<String> ownerTexts,
            Set<String> newTexts) {
        List<RuleChange> changes = new ArrayList<>();
        Set<String> changed = new HashSet<>();
        int refused = 0;
        for (Object element : elements) {
            var change = element instanceof Map<?, ?> edit ? change(edit, rules, critiqueIds)
                    : Optional.<RuleChange>empty();
            boolean fresh = change.isPresent() && change.get().targets().stream().noneMatch(changed::contains);
            if (!fresh || !textAcceptable(change.get(), rules, ownerTexts, newTexts)) {
                refused++;
                continue;
            }
            changed.addAll(change.get().targets());
            changes.add(change.get());
        }
        return new Read(changes, refused);
    }

    private static Optional<RuleChange> change(Map<?, ?> edit, List<LearnedRule> rules, List<String> critiqueIds) {
        String op = ModelAnswers.string(edit, "op").orElse("").strip().toLowerCase(Locale.ROOT);
        String text = ModelAnswers.string(edit, "rule").or(() -> ModelAnswers.string(edit, "text")).orElse("").strip();
        List<String> cited = RuleProposals.cited(ModelAnswers.list(edit, "critiques"), critiqueIds);
        return switch (op) {
            case "reword" -> target(ModelAnswers.string(edit, "target"), rules)
                    .map(id -> new RuleChange.Reword(id, text, cited));
            case "merge" -> {
                List<String> targets = new ArrayList<>();
                for (Object label : ModelAnswers.list(edit, "targets")) {
                    var id = target(Optional.of(String.valueOf(label)), rules);
                    if (id.isEmpty() || targets.contains(id.get())) {
                        yield Optional.empty();
                    }
                    targets.add(id.get());
                }
                yield targets.size() < 2 ? Optional.empty() : Optional.of(new RuleChange.Merge(targets, text, cited));
            }
            case "retire" -> target(ModelAnswers.string(edit, "target"), rules).map(id -> new RuleChange.Retire(id,
                    ModelAnswers.string(edit, "reason").orElse("no reason given").strip()));
            default -> Optional.empty();
        };
    }

    /** "r2", "R2" and "2" name the second rule shown; anything else names none. */
    private static Optional<String> target(Optional<String> label, List<LearnedRule> rules) {
        int index = RuleProposals.labelIndex(label.orElse(""), 'r');
        return index >= 0 && index < rules.size() ? Optional.of(rules.get(index).id()) : Optional.empty();
    }

    /** New words must be a rule's: safe, short, and not what a rule the edit leaves alone already says. */
    private static boolean textAcceptable(RuleChange change, List<LearnedRule> rules, List<String> ownerTexts,
            Set<String> newTexts) {
        String text = change instanceof RuleChange.Reword reword ? reword.text()
                : change instanceof RuleChange.Merge merge ? merge.text() : null;
        if (text == null) {
            return true;
        }
        String normalised = RuleProposals.normalise(text);
        boolean repeats = rules.stream().filter(r -> !change.targets().contains(r.id()))
                .anyMatch(r -> RuleProposals.normalise(r.text()).equals(normalised));
        return RuleProposals.acceptable(text, ownerTexts) && !repeats && newTexts.add(normalised);
    }
}
