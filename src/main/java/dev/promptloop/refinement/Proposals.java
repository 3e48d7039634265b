package dev.promptloop.refinement;

import java.util.List;
import java.util.Optional;

/**
 * What the optimizer's answer yielded: the new rules and the edits of existing ones that survived, how many it
 * proposed that were refused (unsafe, too long, repeated, citing only critiques it was not shown, or naming rules it
 * was not shown), and, when the answer itself could not be used (no JSON, no list of rules), why.
 */
public record Proposals(List<ProposedRule> rules, List<RuleChange> changes, int refused, Optional<String> unusable) {

    public Proposals {
        rules = List.copyOf(rules);
        changes = List.copyOf(changes);
    }

    static Proposals unusable(String why) {
        return new Proposals(List.of(), List.of(), 0, Optional.of(why));
    }

    /** Whether nothing would change. */
    public boolean isEmpty() {
        return rules.isEmpty() && changes.isEmpty();
    }

    /** How many surviving rules cite every critique shown because the model named none. */
    public long citingAllShown() {
        return rules.stream().filter(r -> r.citation() == ProposedRule.Citation.ALL_SHOWN).count();
    }

    /** Why no rule came of it, in words, for the outcome and the log. */
    String whyNone() {
        return unusable.map(why -> "the optimizer's answer was not usable: " + why)
                .orElse(refused == 0 ? "the optimizer proposed no rule"
                        : "the optimizer proposed " + refused + " rules and each was refused (unsafe, too long, "
                                + "repeated, or citing no critique it was shown)");
    }
}
