package dev.promptloop.feedback;

import java.util.Optional;

/**
 * Stored feedback as a reviewer sees it: the feedback, the version that consumed it once a refinement learned from
 * it, or the rejected version after which it was parked as unresolved.
 */
public record FeedbackEntry(Feedback feedback, Optional<Integer> consumedBy, Optional<Integer> unresolvedBy) {

    /**
     * {@code pending} (negative, waiting), {@code consumed}, {@code unresolved} (rejected {@link Feedback#MAX_ATTEMPTS}
     * times, no longer offered), or {@code recorded} (counts toward no refinement).
     */
    public String state() {
        return consumedBy.isPresent() ? "consumed" : unresolvedBy.isPresent() ? "unresolved"
                : feedback.negative() ? "pending" : "recorded";
    }
}
