package dev.promptloop.feedback;

import java.util.Optional;

/**
 * Stored feedback as a reviewer sees it: the feedback, and the version that consumed it once a refinement learned
 * from it.
 */
public record FeedbackEntry(Feedback feedback, Optional<Integer> consumedBy) {

    /** {@code pending} (negative, waiting), {@code consumed}, or {@code recorded} (counts toward no refinement). */
    public String state() {
        return consumedBy.isPresent() ? "consumed" : feedback.negative() ? "pending" : "recorded";
    }
}
