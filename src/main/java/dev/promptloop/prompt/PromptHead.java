package dev.promptloop.prompt;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The mutable part of a prompt: labels pointing at versions, the latest version number, the refinement settings, the
 * history of changes, today's refinement usage, a canary in progress, and the watch that follows a promotion.
 *
 * @param revision incremented by every change; writers condition on it (optimistic locking)
 */
public record PromptHead(String promptId, Map<String, Integer> labels, int latestVersion,
        RefinementSettings refinement, Instant createdAt, long revision, List<HistoryEntry> history,
        RefinementUsage usage, Optional<Trial> canary, Optional<Trial> watch) {

    public PromptHead {
        labels = new TreeMap<>(labels);
        history = List.copyOf(history);
    }

    /** The head of a new prompt: version 1 is production, and nothing else has happened. */
    public static PromptHead created(String promptId, RefinementSettings refinement, Instant now) {
        return new PromptHead(promptId, Map.of(Labels.PRODUCTION, 1), 1, refinement, now, 0,
                List.of(new HistoryEntry(HistoryKind.CREATED, Labels.PRODUCTION, null, 1, "created", now)),
                RefinementUsage.none(LocalDate.ofInstant(now, ZoneOffset.UTC)), Optional.empty(), Optional.empty());
    }

    public int production() {
        return labels.get(Labels.PRODUCTION);
    }

    /** Labels that point at {@code version}, sorted by name. */
    public List<String> labelsOf(int version) {
        return labels.entrySet().stream().filter(e -> e.getValue() == version).map(Map.Entry::getKey).toList();
    }

    /** History entries that moved a label to or from {@code version}. */
    public List<HistoryEntry> movesOf(int version) {
        return history.stream().filter(m -> m.label() != null
                && (Integer.valueOf(version).equals(m.to()) || Integer.valueOf(version).equals(m.from()))).toList();
    }
}
