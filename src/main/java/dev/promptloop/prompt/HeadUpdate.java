package dev.promptloop.prompt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A change to a prompt's head, applied only if nobody changed the head since it was read: labels set or removed,
 * history events recorded beside it, the canary, the watch and the evaluation gate started, ended or left alone, the
 * owner's settings and the day's refinement usage replaced or kept. Built only through the named factories, one per
 * kind of change.
 */
public record HeadUpdate(Map<String, Integer> labels, Set<String> removedLabels, List<HistoryEntry> history,
        TrialChange canary, TrialChange watch, TrialChange gate, Optional<PromptSettings> settings,
        Optional<RefinementUsage> usage) {

    public HeadUpdate {
        labels = Map.copyOf(labels);
        removedLabels = Set.copyOf(removedLabels);
        history = List.copyOf(history);
    }

    /** The entry's label points at its version; trials are left alone. */
    public static HeadUpdate move(HistoryEntry entry) {
        return new HeadUpdate(Map.of(entry.label(), entry.to()), Set.of(), List.of(entry), TrialChange.KEEP,
                TrialChange.KEEP, TrialChange.KEEP, Optional.empty(), Optional.empty());
    }

    /** Production moves forward: any canary ends, and the new production is watched against {@code watch}. */
    public static HeadUpdate promotion(HistoryEntry entry, Trial watch) {
        return new HeadUpdate(Map.of(entry.label(), entry.to()), Set.of(), List.of(entry), TrialChange.END,
                TrialChange.start(watch), TrialChange.KEEP, Optional.empty(), Optional.empty());
    }

    /** Production moves back (or is set again): every trial ends. */
    public static HeadUpdate rollback(HistoryEntry entry) {
        return new HeadUpdate(Map.of(entry.label(), entry.to()), Set.of(), List.of(entry), TrialChange.END,
                TrialChange.END, TrialChange.KEEP, Optional.empty(), Optional.empty());
    }

    /** The entry's label (candidate) points at a version that now serves a share of renders. */
    public static HeadUpdate canaryStart(HistoryEntry entry, Trial canary) {
        return new HeadUpdate(Map.of(entry.label(), entry.to()), Set.of(), List.of(entry), TrialChange.start(canary),
                TrialChange.KEEP, TrialChange.KEEP, Optional.empty(), Optional.empty());
    }

    /** The canary becomes production and is watched; the candidate label is gone. */
    public static HeadUpdate canaryPromotion(HistoryEntry entry, Trial watch) {
        return new HeadUpdate(Map.of(entry.label(), entry.to()), Set.of(Labels.CANDIDATE), List.of(entry),
                TrialChange.END, TrialChange.start(watch), TrialChange.KEEP, Optional.empty(), Optional.empty());
    }

    /** The canary ends under the entry's label (rejected); the candidate label is gone. */
    public static HeadUpdate canaryRollback(HistoryEntry entry) {
        return new HeadUpdate(Map.of(entry.label(), entry.to()), Set.of(Labels.CANDIDATE), List.of(entry),
                TrialChange.END, TrialChange.KEEP, TrialChange.KEEP, Optional.empty(), Optional.empty());
    }

    /** The watch found a regression: production moves back to the version it replaced, and the watch ends. */
    public static HeadUpdate watchRollback(HistoryEntry entry) {
        return new HeadUpdate(Map.of(entry.label(), entry.to()), Set.of(), List.of(entry), TrialChange.KEEP,
                TrialChange.END, TrialChange.KEEP, Optional.empty(), Optional.empty());
    }

    /** The watch ends; no label moves. */
    public static HeadUpdate watchEnd(HistoryEntry entry) {
        return new HeadUpdate(Map.of(), Set.of(), List.of(entry), TrialChange.KEEP, TrialChange.END,
                TrialChange.KEEP, Optional.empty(), Optional.empty());
    }

    /** The same change, which also ends a pending gate and records why. */
    public HeadUpdate endingGate(HistoryEntry abandoned) {
        return new HeadUpdate(labels, removedLabels, and(abandoned).history(), canary, watch, TrialChange.END,
                settings, usage);
    }

    /** The same change, recording one more event beside it. */
    public HeadUpdate and(HistoryEntry event) {
        List<HistoryEntry> events = new java.util.ArrayList<>(history);
        events.add(event);
        return new HeadUpdate(labels, removedLabels, events, canary, watch, gate, settings, usage);
    }

    /** When the change is made: the time of its (last) history event. */
    public Optional<Instant> at() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1).at());
    }

    /** The owner changed the prompt's settings; no label moves, no trial changes. */
    public static HeadUpdate settings(HistoryEntry entry, PromptSettings settings) {
        return new HeadUpdate(Map.of(), Set.of(), List.of(entry), TrialChange.KEEP, TrialChange.KEEP,
                TrialChange.KEEP, Optional.of(settings), Optional.empty());
    }

    /** A hand-written version waits, unlabelled, for the evaluation gate against production. */
    public static HeadUpdate gateStart(HistoryEntry entry, Trial gate) {
        return new HeadUpdate(Map.of(), Set.of(), List.of(entry), TrialChange.KEEP, TrialChange.KEEP,
                TrialChange.start(gate), Optional.empty(), Optional.empty());
    }

    /** The gate let the version through: it becomes production and is watched, as after any promotion. */
    public static HeadUpdate gatePassed(HistoryEntry entry, Trial watch, RefinementUsage usage) {
        return new HeadUpdate(Map.of(entry.label(), entry.to()), Set.of(), List.of(entry), TrialChange.END,
                TrialChange.start(watch), TrialChange.END, Optional.empty(), Optional.of(usage));
    }

    /** The gate turned the version down: it takes the rejected label, production stays. */
    public static HeadUpdate gateFailed(HistoryEntry entry, RefinementUsage usage) {
        return new HeadUpdate(Map.of(entry.label(), entry.to()), Set.of(), List.of(entry), TrialChange.KEEP,
                TrialChange.KEEP, TrialChange.END, Optional.empty(), Optional.of(usage));
    }

    /** The gate could not give a verdict (budget, model): it ends, the version stays unlabelled. */
    public static HeadUpdate gateAbandoned(HistoryEntry entry, RefinementUsage usage) {
        return new HeadUpdate(Map.of(), Set.of(), List.of(entry), TrialChange.KEEP, TrialChange.KEEP,
                TrialChange.END, Optional.empty(), Optional.of(usage));
    }
}
