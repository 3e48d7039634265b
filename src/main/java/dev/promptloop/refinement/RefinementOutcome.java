package dev.promptloop.refinement;

import java.util.Optional;

/** What one refinement check did for one prompt. */
public record RefinementOutcome(String promptId, Status status, int pendingNegative, Optional<Integer> newVersion,
        String detail) {

    public enum Status {
        /** A new version was written. */
        REFINED("refined"),
        /** Too little unconsumed negative feedback. */
        BELOW_THRESHOLD("below-threshold"),
        /** The optimizer proposed nothing usable; the feedback stays pending. */
        NO_RULES("no-rules"),
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
