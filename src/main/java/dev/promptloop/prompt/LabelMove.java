package dev.promptloop.prompt;

import java.time.Instant;

/**
 * One entry of a prompt's history: a label moved (or set for the first time, {@code from} empty), or, with no label,
 * an event such as a refinement stopped by its budget.
 */
public record LabelMove(String label, Integer from, Integer to, String reason, Instant at) {
}
