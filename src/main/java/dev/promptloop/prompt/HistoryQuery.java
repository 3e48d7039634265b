package dev.promptloop.prompt;

import dev.promptloop.core.PageRequest;

import java.util.Optional;

/** A page of a prompt's history, newest first, of one kind of event or of all. */
public record HistoryQuery(Optional<HistoryKind> kind, PageRequest page) {
}
