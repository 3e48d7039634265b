package dev.promptloop.prompt;

import dev.promptloop.core.Page;
import dev.promptloop.core.PageRequest;

import java.util.Optional;
import java.util.Set;

/**
 * Where prompt heads, their versions and their history live. Every write that changes a head records its history
 * events in the same transaction, or fails as a whole.
 */
public interface PromptRepository {

    /** Writes head, version 1 and the creation event together; throws a conflict when the id is taken. */
    void create(PromptHead head, PromptVersion first, HistoryEntry created);

    Optional<PromptHead> head(String promptId);

    Optional<PromptVersion> version(String promptId, int version);

    /** A page of prompts by id, their pending feedback not yet counted. */
    Page<PromptSummary> list(PromptQuery query);

    /** A page of versions, newest first. */
    Page<PromptVersion> versions(String promptId, PageRequest page);

    /** Which versions from {@code lowest} to {@code highest} were rolled back (production left them, or a canary). */
    Set<Integer> rolledBack(String promptId, int lowest, int highest);

    /** A page of history events, newest first. */
    Page<HistoryEntry> history(String promptId, HistoryQuery query);

    /**
     * Applies an update to the head on condition that it is still at {@code read}'s revision (and that every label
     * points at an existing version), recording the update's history events; throws a concurrent change otherwise.
     * Returns the updated head.
     */
    PromptHead update(PromptHead read, HeadUpdate update);

    /**
     * Writes {@code version} (numbered after read's latest) with the head update that labels it, on condition that
     * the head is still at {@code read}'s revision and latest version; throws a concurrent change otherwise, and
     * nothing is written. Returns the updated head.
     */
    PromptHead addVersion(PromptHead read, PromptVersion version, HeadUpdate update);
}
