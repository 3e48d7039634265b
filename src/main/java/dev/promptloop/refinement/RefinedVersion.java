package dev.promptloop.refinement;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.suite.SuiteChange;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one refinement writes, all or nothing: the new version, the head update (the label it takes, recorded
 * in the history, and the canary or watch it starts), what becomes of its feedback, and the day's usage.
 *
 * @param basedOn the head as read before refining; the write is conditional on it being unchanged
 * @param consumed feedback a version that passed learned from
 * @param retried feedback of a rejected version that stays pending, this version added to what it was tried in
 * @param parked feedback of a rejected version that was tried often enough and is now unresolved
 * @param suite the cases the prompt's regression suite keeps of the consumed feedback, and those it drops for room
 */
public record RefinedVersion(PromptHead basedOn, PromptVersion version, HeadUpdate headUpdate, List<Feedback> consumed,
        List<Feedback> retried, List<Feedback> parked, RefinementUsage usage, SuiteChange suite) {

    public RefinedVersion {
        consumed = List.copyOf(consumed);
        retried = List.copyOf(retried);
        parked = List.copyOf(parked);
    }

    /** Every feedback item this write changes, each on condition it is still pending. */
    public List<Feedback> touched() {
        var all = new ArrayList<>(consumed);
        all.addAll(retried);
        all.addAll(parked);
        return all;
    }
}
