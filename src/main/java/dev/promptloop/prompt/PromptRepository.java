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
     * Points {@code move.label()} at {@code move.to()} and records the move, on condition that the head is still at
     * {@code read}'s revision; throws a 409 problem otherwise. Returns the updated head.
     */
    PromptHead moveLabel(PromptHead read, LabelMove move);
}
