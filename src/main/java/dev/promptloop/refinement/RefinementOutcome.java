package dev.promptloop.refinement;

import dev.promptloop.prompt.Evaluation;

import java.util.Optional;

/** What one refinement check did for one prompt ({@code unresolved}: critiques it parked as unresolved). */
public record RefinementOutcome(String promptId, Status status, int pendingNegative, Optional<Integer> newVersion,
        String detail, Optional<Evaluation> evaluation, int unresolved) {

    /** A check that wrote no version. */
    public static RefinementOutcome stopped(String promptId, Status status, int pendingNegative, String detail) {
        return new RefinementOutcome(promptId, status, pendingNegative, Optional.empty(), detail, Optional.empty(), 0);
    }

    /** A check that wrote version {@code version} ({@link Status#REFINED} or {@link Status#REJECTED}). */
    public static RefinementOutcome published(String promptId, Status status, int pendingNegative, int version,
            String detail, Optional<Evaluation> evaluation, int unresolved) {
        return new RefinementOutcome(promptId, status, pendingNegative, Optional.of(version), detail, evaluation,
                unresolved);
    }

    public enum Status {
        /** A new version was written and took the label its promotion policy gives it. */
        REFINED("refined"),
        /** A new version was written, failed the evaluation gate and carries the {@code rejected} label. */
        REJECTED("rejected"),
        /** The prompt is archived: it is not refined until it is brought back. */
        ARCHIVED("archived"),
        /** Too little unconsumed negative feedback. */
        BELOW_THRESHOLD("below-threshold"),
        /** The optimizer proposed no rule, or only rules that were refused; the feedback stays pending. */
        NO_RULES("no-rules"),
        /** The optimizer's answer could not be read (no JSON, no list of rules); the feedback stays pending. */
        OPTIMIZER_UNUSABLE("optimizer-unusable"),
        /** The prompt's daily cap on refinement model calls or tokens is reached; recorded in its history. */
        BUDGET_EXHAUSTED("budget-exhausted"),
        /** A canary is running; refinement waits until it is decided. */
        CANARY_RUNNING("canary-running"),
        /** A hand-written version waits for its evaluation gate; refinement waits until it is decided. */
        GATE_PENDING("gate-pending"),
        /** A concurrent refinement won; its version covers this feedback. */
        SUPERSEDED("superseded"),
        /** The prompt does not exist (deleted, or a record from another deployment). */
        UNKNOWN_PROMPT("unknown-prompt");

        private final String wireName;

        Status(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
