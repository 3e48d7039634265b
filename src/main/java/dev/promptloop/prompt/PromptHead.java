package dev.promptloop.prompt;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The mutable part of a prompt, and only its bounded part: labels pointing at versions, the latest version number,
 * the owner's settings, today's refinement usage, a canary in progress, the watch that follows a promotion, and the
 * evaluation gate a hand-written version waits for ({@code gate}: the version against the production of the time).
 * The history of changes lives beside it, one event at a time, and never makes the head grow.
 *
 * @param updatedAt when the last change was made (the time of its history event)
 * @param revision incremented by every change; writers condition on it (optimistic locking)
 */
public record PromptHead(String promptId, Map<String, Integer> labels, int latestVersion,
        PromptSettings settings, Instant createdAt, Instant updatedAt, long revision, RefinementUsage usage,
        Optional<Trial> canary, Optional<Trial> watch, Optional<Trial> gate) {

    /**
     * How long a gate waits for its verdict: the stream keeps the record that wakes the refine function this long, so
     * a gate older than that was given up on and no longer holds the prompt back.
     */
    public static final Duration GATE_LIFETIME = Duration.ofHours(1);

    public PromptHead {
        labels = new TreeMap<>(labels);
    }

    /** The gate a hand-written version waits for, unless it outlived {@link #GATE_LIFETIME}. */
    public Optional<Trial> liveGate(Instant now) {
        return gate.filter(g -> !g.since().plus(GATE_LIFETIME).isBefore(now));
    }

    /** The head of a new prompt: version 1 is production, and nothing else has happened. */
    public static PromptHead created(String promptId, PromptSettings settings, Instant now) {
        return new PromptHead(promptId, Map.of(Labels.PRODUCTION, 1), 1, settings, now, now, 0,
                RefinementUsage.none(LocalDate.ofInstant(now, ZoneOffset.UTC)), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    public RefinementSettings refinement() {
        return settings.refinement();
    }

    public int production() {
        return labels.get(Labels.PRODUCTION);
    }

    /** Labels that point at {@code version}, sorted by name. */
    public List<String> labelsOf(int version) {
        return labels.entrySet().stream().filter(e -> e.getValue() == version).map(Map.Entry::getKey).toList();
    }

    /**
     * The head as an update leaves it: labels, trials, settings, revision counted up; latest version as given, usage
     * as the update sets it or as given.
     */
    public PromptHead after(HeadUpdate update, int latest, RefinementUsage spent) {
        Map<String, Integer> moved = new TreeMap<>(labels);
        moved.putAll(update.labels());
        update.removedLabels().forEach(moved::remove);
        return new PromptHead(promptId, moved, latest, update.settings().orElse(settings), createdAt,
                update.at().orElse(updatedAt), revision + 1, update.usage().orElse(spent),
                update.canary().applyTo(canary), update.watch().applyTo(watch), update.gate().applyTo(gate));
    }

    /** The head as a label move or trial decision leaves it. */
    public PromptHead after(HeadUpdate update) {
        return after(update, latestVersion, usage);
    }

    /** The same head with other usage; recording usage is not a change of the prompt, so the revision stays. */
    public PromptHead withUsage(RefinementUsage spent) {
        return new PromptHead(promptId, labels, latestVersion, settings, createdAt, updatedAt, revision, spent, canary,
                watch, gate);
    }
}
