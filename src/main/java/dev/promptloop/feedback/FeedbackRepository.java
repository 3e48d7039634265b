package dev.promptloop.feedback;

import java.util.List;

/** Where feedback lives, readable per prompt in the order it arrived. */
public interface FeedbackRepository {

    void save(Feedback feedback);

    /** Negative feedback on one version that no refinement has consumed yet, oldest first, at most {@code limit}. */
    List<Feedback> pendingNegative(String promptId, int version, int limit);
}
