package dev.promptloop.prompt;

import dev.promptloop.core.PreconditionFailedException;

import java.util.Optional;

/**
 * Who asks for a change (recorded in the history) and, when they say so, the revision of the prompt they based it
 * on: the change is made only if the prompt is still at that revision.
 */
public record ChangeAuthor(String actor, Optional<Long> expectedRevision) {

    public static ChangeAuthor of(String actor) {
        return new ChangeAuthor(actor, Optional.empty());
    }

    /** Throws when the author expected another revision than {@code head}'s. */
    public void requireAt(PromptHead head) {
        expectedRevision.filter(expected -> expected != head.revision()).ifPresent(expected -> {
            throw new PreconditionFailedException("prompt '" + head.promptId() + "' is at revision "
                    + head.revision() + ", not " + expected + "; read it again");
        });
    }
}
