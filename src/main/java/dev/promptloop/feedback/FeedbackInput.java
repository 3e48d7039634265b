package dev.promptloop.feedback;

import java.util.List;
import java.util.Optional;

/** What a caller says about a render; at least one of rating, thumb and critique. */
public record FeedbackInput(String renderId, Optional<Integer> rating, Optional<Thumb> thumb,
        Optional<String> critique, List<String> tags, Optional<String> caller) {

    public FeedbackInput {
        tags = List.copyOf(tags);
    }
}
