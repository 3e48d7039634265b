package dev.promptloop.refinement;

import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.RefinementUsage;

import java.util.Optional;

/** Writes what refinement decided: a new version with its label and consumed feedback, or just usage and history. */
public interface VersionPublisher {

    /**
     * @throws dev.promptloop.core.ConcurrentChangeException when the head moved or any feedback was already consumed since it was
     *         read; nothing was written
     */
    void publish(RefinedVersion refined);

    /** Records model use that produced no version, and optionally a history entry (a budget stop, say). */
    void recordUsage(String promptId, RefinementUsage usage, Optional<HistoryEntry> event);
}
