package dev.promptloop.prompt;

import java.util.List;
import java.util.Optional;

/** Where prompt heads and versions live. */
public interface PromptRepository {

    /** Writes head and version 1 together; throws a 409 problem when the id is taken. */
    void create(PromptHead head, PromptVersion first);

    Optional<PromptHead> head(String promptId);

    Optional<PromptVersion> version(String promptId, int version);

    /** Every version, newest first. */
    List<PromptVersion> versions(String promptId);

    /**
     * Applies an update to the head on condition that it is still at {@code read}'s revision (and that every label
     * points at an existing version); throws a 409 problem otherwise. Returns the updated head.
     */
    PromptHead update(PromptHead read, HeadUpdate update);
}
