package dev.promptloop.refinement;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.LabelMove;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementUsage;

import java.util.List;

/**
 * Everything one refinement writes, all or nothing: the new version, the label it takes (recorded in the history),
 * the consumption of its feedback, and the day's refinement usage.
 *
 * @param basedOn the head as read before refining; the write is conditional on it being unchanged
 */
public record RefinedVersion(PromptHead basedOn, PromptVersion version, LabelMove move, List<Feedback> consumed,
        RefinementUsage usage) {

    public RefinedVersion {
        consumed = List.copyOf(consumed);
    }
}
