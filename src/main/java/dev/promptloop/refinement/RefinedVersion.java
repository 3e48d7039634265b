package dev.promptloop.refinement;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementUsage;

import java.util.List;

/**
 * Everything one refinement writes, all or nothing: the new version, the head update (the label it takes, recorded
 * in the history, and the canary or watch it starts), the consumption of its feedback, and the day's usage.
 *
 * @param basedOn the head as read before refining; the write is conditional on it being unchanged
 */
public record RefinedVersion(PromptHead basedOn, PromptVersion version, HeadUpdate headUpdate, List<Feedback> consumed,
        RefinementUsage usage) {

    public RefinedVersion {
        consumed = List.copyOf(consumed);
    }
}
