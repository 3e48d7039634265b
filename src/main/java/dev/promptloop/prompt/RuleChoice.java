package dev.promptloop.prompt;

import java.util.List;
import java.util.Optional;

/** What a hand-written version does with the learned rules of the version it is written from. */
public sealed interface RuleChoice {

    /** Every learned rule carries over, with its feedback ids. */
    RuleChoice KEEP = new Keep();
    /** The new version starts without learned rules. */
    RuleChoice RESET = new Reset();

    static RuleChoice listed(List<Kept> kept) {
        return new Listed(kept);
    }

    record Keep() implements RuleChoice {
    }

    record Reset() implements RuleChoice {
    }

    /** Only the rules named are kept, in this order, each as it was or reworded; the others are dropped. */
    record Listed(List<Kept> kept) implements RuleChoice {
        public Listed {
            kept = List.copyOf(kept);
        }
    }

    /** A rule named by its id or its text, and its new wording if it is reworded. */
    record Kept(String reference, Optional<String> rewording) {
    }
}
