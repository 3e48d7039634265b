package dev.promptloop.prompt;

import java.time.Instant;

/**
 * One entry of a prompt's history: what happened ({@code kind}), the label it moved if any (from a version, absent
 * when the label is new, to a version), why, and when. Events that move no label (a budget stop, the end of a watch)
 * have no label.
 */
public record HistoryEntry(HistoryKind kind, String label, Integer from, Integer to, String reason, Instant at) {

    /** An event that moved no label. */
    public static HistoryEntry event(HistoryKind kind, Integer version, String reason, Instant at) {
        return new HistoryEntry(kind, null, null, version, reason, at);
    }
}
