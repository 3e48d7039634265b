package dev.promptloop.prompt;

import java.time.Instant;
import java.util.List;

/**
 * One line of English learned from feedback.
 *
 * @param text the imperative rule, one line
 * @param feedbackIds the feedback items it was learned from
 * @param version the version that introduced it
 * @param createdAt when that version was created
 */
public record LearnedRule(String text, List<String> feedbackIds, int version, Instant createdAt) {

    public LearnedRule {
        feedbackIds = List.copyOf(feedbackIds);
    }
}
