package dev.promptloop.prompt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The mutable part of a prompt: labels pointing at versions, the latest version number and the refinement settings.
 *
 * @param revision incremented by every change; writers condition on it (optimistic locking)
 */
public record PromptHead(String promptId, Map<String, Integer> labels, int latestVersion,
        RefinementSettings refinement, Instant createdAt, long revision) {

    public PromptHead {
        labels = new TreeMap<>(labels);
    }

    public int production() {
        return labels.get(Labels.PRODUCTION);
    }

    /** Labels that point at {@code version}, sorted by name. */
    public List<String> labelsOf(int version) {
        return labels.entrySet().stream().filter(e -> e.getValue() == version).map(Map.Entry::getKey).toList();
    }
}
