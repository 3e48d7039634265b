package dev.promptloop.refinement;

import java.util.List;

/** A rule the optimizer proposed, with the feedback items it cites. */
public record ProposedRule(String text, List<String> feedbackIds) {

    public ProposedRule {
        feedbackIds = List.copyOf(feedbackIds);
    }
}
