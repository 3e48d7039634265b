package dev.promptloop.prompt;

import java.time.Instant;
import java.util.Optional;

/**
 * One event of a prompt's history: what happened ({@code kind}), the label it moved if any (from a version, absent
 * when the label is new, to a version), why, who did it, and when. Events that move no label (a budget stop, the end
 * of a watch) have no label.
 *
 * @param actor the IAM principal (or token subject) of the request that made the change, or {@link #REFINEMENT}
 */
public record HistoryEntry(HistoryKind kind, String label, Integer from, Integer to, String reason, String actor,
        Instant at) {

    /** The actor of every change the refinement function makes on its own (refinements, trials, budget stops). */
    public static final String REFINEMENT = "refine";

    /** The label moves to {@code to} from wherever the head points it now (nowhere, for a label that is new). */
    public static HistoryEntry moving(HistoryKind kind, PromptHead head, String label, int to, String reason,
            String actor, Instant at) {
        return new HistoryEntry(kind, label, head.labels().get(label), to, reason, actor, at);
    }

    /** An event that moved no label. */
    public static HistoryEntry event(HistoryKind kind, Integer version, String reason, String actor, Instant at) {
        return new HistoryEntry(kind, null, null, version, reason, actor, at);
    }

    /** The first event of every prompt: production points at version 1. */
    public static HistoryEntry created(String actor, Instant at) {
        return new HistoryEntry(HistoryKind.CREATED, Labels.PRODUCTION, null, 1, "created", actor, at);
    }

    /** The version this event took production away from (to an older one), or whose canary it ended. */
    public Optional<Integer> rolledBack() {
        return switch (kind) {
            case ROLLED_BACK, AUTO_ROLLED_BACK -> Optional.ofNullable(from);
            case CANARY_ROLLED_BACK -> Optional.ofNullable(to);
            default -> Optional.empty();
        };
    }
}
