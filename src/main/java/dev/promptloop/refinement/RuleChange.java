package dev.promptloop.refinement;

import java.util.List;

/**
 * An edit the optimizer proposed to rules the version already has, applied by code ({@link RuleEdits}), never by
 * letting the model rewrite the list. The critiques each names are later feedback on the problem its rules are about.
 */
public sealed interface RuleChange {

    /** The ids of the existing rules the edit changes. */
    List<String> targets();

    /** Rule {@code target} in new words, because critiques of its problem recurred. */
    record Reword(String target, String text, List<String> feedbackIds) implements RuleChange {
        public Reword {
            feedbackIds = List.copyOf(feedbackIds);
        }

        public List<String> targets() {
            return List.of(target);
        }
    }

    /** Several rules that say the same, as one. */
    record Merge(List<String> targets, String text, List<String> feedbackIds) implements RuleChange {
        public Merge {
            targets = List.copyOf(targets);
            feedbackIds = List.copyOf(feedbackIds);
        }
    }

    /** A rule that is no longer needed, and why. */
    record Retire(String target, String reason) implements RuleChange {
        public List<String> targets() {
            return List.of(target);
        }
    }
}
