package dev.promptloop.prompt;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A change to a prompt's head, applied only if nobody changed the head since it was read: labels set or removed,
 * history appended, a canary or watch started ({@code Optional} present) or ended ({@code end...} true).
 */
public record HeadUpdate(Map<String, Integer> labels, Set<String> removedLabels, List<LabelMove> history,
        Optional<Trial> canary, boolean endCanary, Optional<Trial> watch, boolean endWatch) {

    public HeadUpdate {
        labels = Map.copyOf(labels);
        removedLabels = Set.copyOf(removedLabels);
        history = List.copyOf(history);
    }

    /** A label move and its history entry, trials untouched. */
    public static HeadUpdate move(LabelMove move) {
        return new HeadUpdate(Map.of(move.label(), move.to()), Set.of(), List.of(move), Optional.empty(), false,
                Optional.empty(), false);
    }
}
