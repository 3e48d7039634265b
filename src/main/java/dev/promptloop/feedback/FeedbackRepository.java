package dev.promptloop.feedback;

import dev.promptloop.core.Page;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Where feedback lives, readable per prompt in the order it arrived. */
public interface FeedbackRepository {

    /**
     * Stores feedback on condition that its render exists and has not expired at {@code now}, in one round trip;
     * false (and nothing written) otherwise.
     */
    boolean saveIfRenderLive(Feedback feedback, Instant now);

    /** Stores several items in one round trip (machine feedback of one render). */
    void saveAll(List<Feedback> feedback);

    /** Negative feedback on one version that no refinement has consumed yet, oldest first, at most {@code limit}. */
    List<Feedback> pendingNegative(String promptId, int version, int limit);

    /** A page of one prompt's feedback, newest first, as the query filters it. */
    Page<FeedbackEntry> review(String promptId, FeedbackQuery query);

    /** How many negative feedbacks on one version no refinement has consumed yet. */
    int countPending(String promptId, int version);

    /** People's feedback on a prompt since an instant, tallied per version (machine feedback is left out). */
    Map<Integer, Tally> tallySince(String promptId, Instant since);

    /** The most recent positive feedback from people on a prompt, newest first, at most {@code limit}. */
    List<Feedback> recentPositive(String promptId, int limit);
}
