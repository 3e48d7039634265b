package dev.promptloop.prompt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A prompt as a listing shows it: what it is, where its labels point, and how much criticism waits on production. */
public record PromptSummary(String promptId, Optional<String> description, List<String> tags,
        Map<String, Integer> labels, int latestVersion, boolean archived, int pendingNegative, Instant updatedAt) {

    public PromptSummary {
        tags = List.copyOf(tags);
        labels = new TreeMap<>(labels);
    }

    public int production() {
        return labels.getOrDefault(Labels.PRODUCTION, 1);
    }

    public PromptSummary withPendingNegative(int count) {
        return new PromptSummary(promptId, description, tags, labels, latestVersion, archived, count, updatedAt);
    }
}
