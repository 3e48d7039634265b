package dev.promptloop.prompt;

import dev.promptloop.core.InvalidInputException;
import dev.promptloop.core.NotFoundException;
import dev.promptloop.core.PromptId;
import dev.promptloop.core.Texts;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Creates prompts, reads their versions and moves their labels. */
public class PromptCatalog {

    private final PromptRepository prompts;
    private final Clock clock;

    public PromptCatalog(PromptRepository prompts, Clock clock) {
        this.prompts = prompts;
        this.clock = clock;
    }

    public PromptView create(NewPrompt prompt) {
        var now = clock.instant();
        var head = PromptHead.created(prompt.id(), prompt.refinement(), now);
        var first = new PromptVersion(prompt.id(), 1, prompt.template(), prompt.model(), prompt.protectedRules(),
                List.of(), prompt.checks(), now, "created", null, Optional.empty());
        prompts.create(head, first);
        return new PromptView(head, first);
    }

    /** The version {@code production} points at. */
    public PromptView production(String promptId) {
        var head = head(promptId);
        return new PromptView(head, version(head, head.production()));
    }

    public List<PromptView> versions(String promptId) {
        var head = head(promptId);
        return prompts.versions(promptId).stream().map(v -> new PromptView(head, v)).toList();
    }

    /**
     * Points a label at a version, on condition that nothing changed the prompt since it was read. Moving
     * {@code production} to an older version is the rollback; moving it forward is a promotion, which is watched.
     */
    public PromptView moveLabel(String promptId, String label, int version, Optional<String> reason) {
        var current = head(promptId);
        if (version > current.latestVersion()) {
            throw new InvalidInputException("unknown-version",
                    "prompt '" + promptId + "' has no version " + version + " (latest is " + current.latestVersion() + ")");
        }
        var moved = prompts.update(current, movedByPerson(current, label, version, reason));
        return new PromptView(moved, version(moved, version));
    }

    /** A promotion is watched against the version it replaced; a rollback ends any trial. */
    private HeadUpdate movedByPerson(PromptHead current, String label, int version, Optional<String> reason) {
        Integer from = current.labels().get(label);
        boolean production = Labels.PRODUCTION.equals(label);
        boolean back = production && from != null && version < from;
        var entry = new HistoryEntry(back ? HistoryKind.ROLLED_BACK : HistoryKind.LABEL_MOVED, label, from, version,
                reason.orElse(back ? "rollback" : "label moved"), clock.instant());
        if (!production) {
            return HeadUpdate.move(entry);
        }
        return from != null && version > from ? HeadUpdate.promotion(entry, new Trial(version, from, entry.at()))
                : HeadUpdate.rollback(entry);
    }

    /** Reads a head; unknown and malformed ids are both simply not found, so callers never learn more. */
    public PromptHead head(String promptId) {
        if (!PromptId.isValid(promptId)) {
            throw notFound(Texts.excerpt(String.valueOf(promptId)));
        }
        return prompts.head(promptId).orElseThrow(() -> notFound(promptId));
    }

    public PromptVersion version(PromptHead head, int version) {
        return prompts.version(head.promptId(), version).orElseThrow(() -> new NotFoundException("version-not-found",
                "prompt '" + head.promptId() + "' has no version " + version));
    }

    private static NotFoundException notFound(String promptId) {
        return new NotFoundException("prompt-not-found", "no prompt '" + promptId + "'");
    }
}
