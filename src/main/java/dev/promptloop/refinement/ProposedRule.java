package dev.promptloop.refinement;

import java.util.List;

/** A rule the optimizer proposed, with the feedback items it cites and how it came to cite them. */
public record ProposedRule(String text, List<String> feedbackIds, Citation citation) {

    /** Whether the model named the critiques a rule comes from, or named none and it cites every one shown. */
    public enum Citation { NAMED, ALL_SHOWN }

    public ProposedRule {
        feedbackIds = List.copyOf(feedbackIds);
    }

    /** A rule whose critiques the model named. */
    public static ProposedRule citing(String text, List<String> feedbackIds) {
        return new ProposedRule(text, feedbackIds, Citation.NAMED);
    }

    /** A rule the model gave without naming critiques (a bare string, say): it cites every critique it was shown. */
    public static ProposedRule citingAllShown(String text, List<String> feedbackIds) {
        return new ProposedRule(text, feedbackIds, Citation.ALL_SHOWN);
    }
}
