package dev.promptloop.refinement;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.LabelMove;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.prompt.Trial;

import java.util.List;
import java.util.Optional;

/**
 * Everything one refinement writes, all or nothing: the new version, the label it takes (recorded in the history),
 * the consumption of its feedback, the day's refinement usage, and the canary or watch the version starts.
 *
 * @param basedOn the head as read before refining; the write is conditional on it being unchanged
 */
public record RefinedVersion(PromptHead basedOn, PromptVersion version, LabelMove move, List<Feedback> consumed,
        RefinementUsage usage, Optional<Trial> canary, Optional<Trial> watch) {

    public RefinedVersion {
        consumed = List.copyOf(consumed);
    }
}
