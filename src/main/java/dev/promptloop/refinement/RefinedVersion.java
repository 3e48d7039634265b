package dev.promptloop.refinement;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptVersion;

import java.util.List;

/**
 * Everything one refinement writes, all or nothing: the new version, the label it takes, and the feedback it
 * consumed.
 *
 * @param basedOn the head as read before refining; the write is conditional on it being unchanged
 */
public record RefinedVersion(PromptHead basedOn, PromptVersion version, String label, List<Feedback> consumed) {

    public RefinedVersion {
        consumed = List.copyOf(consumed);
    }
}
