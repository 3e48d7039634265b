package dev.promptloop.refinement;

import java.util.List;
import java.util.Optional;

/**
 * What the optimizer's answer yielded: the rules that survived, how many it proposed that were refused (unsafe, too
 * long, repeated, or citing only critiques it was not shown), and, when the answer itself could not be used (no JSON,
 * no list of rules), why.
 */
public record Proposals(List<ProposedRule> rules, int refused, Optional<String> unusable) {

    public Proposals {
        rules = List.copyOf(rules);
    }

    static Proposals unusable(String why) {
        return new Proposals(List.of(), 0, Optional.of(why));
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
