package dev.promptloop.feedback;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A stored feedback item. It carries the prompt and version of its render so refinement never reads the render.
 *
 * @param source who gave it: a person, or a failed output check
 * @param negative whether it counts toward refinement (see {@link FeedbackRecorder#isNegative})
 * @param voter whom it speaks for ({@link dev.promptloop.core.Voters}); empty when nobody was known (and for checks)
 * @param triedBy the versions refinements wrote from it that the evaluation gate rejected, oldest first
 */
public record Feedback(String feedbackId, String promptId, int version, String renderId, Source source,
        Optional<Integer> rating, Optional<Thumb> thumb, Optional<String> critique, List<String> tags,
        boolean negative, Instant createdAt, Optional<String> voter, List<Integer> triedBy) {

    /** How many rejected refinements a critique takes part in before it is parked as unresolved. */
    public static final int MAX_ATTEMPTS = 3;

    public Feedback {
        tags = List.copyOf(tags);
        triedBy = List.copyOf(triedBy);
    }

    /** Whether one more rejection makes this feedback unresolved. */
    public boolean lastAttempt() {
        return triedBy.size() + 1 >= MAX_ATTEMPTS;
    }

    public enum Source {
        USER("user"), CHECK("check");

        private final String wireName;

        Source(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Source fromWireName(String name) {
            return "check".equals(name) ? CHECK : USER;
        }
    }
}
