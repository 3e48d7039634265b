package dev.promptloop.prompt;

import dev.promptloop.check.OutputCheck;

import java.util.List;
import java.util.Optional;

/**
 * A version a person writes: each part left out is taken from the production version, the learned rules as
 * {@code rules} says, and the new version goes where {@code placement} puts it.
 */
public record VersionDraft(Optional<PromptTemplate> template, Optional<ModelSettings> model,
        Optional<List<OutputCheck>> checks, Optional<List<String>> protectedRules, RuleChoice rules,
        Placement placement, Optional<String> reason) {

    /** Where a hand-written version goes. */
    public enum Placement {
        /** On the {@code candidate} label, for a person (or a later move) to promote. */
        CANDIDATE,
        /** Straight to production, watched against the version it replaces, as after any promotion. */
        PRODUCTION,
        /**
         * Unlabelled until the evaluation gate, run by the refine function against production, decides: production
         * (watched) if it passes, rejected if not.
         */
        EVALUATED
    }
}
