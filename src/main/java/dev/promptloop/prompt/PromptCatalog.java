package dev.promptloop.prompt;

import dev.promptloop.core.InvalidInputException;
import dev.promptloop.core.NotFoundException;
import dev.promptloop.core.Page;
import dev.promptloop.core.PageRequest;
import dev.promptloop.core.PromptId;
import dev.promptloop.core.Texts;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Creates prompts, reads their versions and history, and moves their labels. */
public class PromptCatalog {

    private final PromptRepository prompts;
    private final Clock clock;

    public PromptCatalog(PromptRepository prompts, Clock clock) {
        this.prompts = prompts;
        this.clock = clock;
    }

    public PromptView create(NewPrompt prompt, String actor) {
        var now = clock.instant();
        var head = PromptHead.created(prompt.id(), prompt.settings(), now);
        var first = new PromptVersion(prompt.id(), 1, prompt.template(), prompt.model(), prompt.protectedRules(),
                List.of(), prompt.checks(), now, "created", null, Optional.empty());
        prompts.create(head, first, HistoryEntry.created(actor, now));
        return PromptView.of(head, first, Set.of());
    }

    /** The version {@code production} points at. */
    public PromptView production(String promptId) {
        return production(head(promptId));
    }

    private PromptView production(PromptHead head) {
        return PromptView.of(head, version(head, head.production()), Set.of());
    }

    /** One version, with where it stands. */
    public PromptView version(String promptId, int version) {
        var head = head(promptId);
        return view(head, version(head, version));
    }

    /** What changed from version {@code against} (by default the one it was derived from) to {@code version}. */
    public VersionDiff diff(String promptId, int version, Optional<Integer> against) {
        var head = head(promptId);
        var after = version(head, version);
        int base = against.orElse(after.parentVersion() == null ? version : after.parentVersion());
        return VersionDiff.between(version(head, base), after);
    }

    /** A page of versions, newest first, each with where it stands. */
    public VersionList versions(String promptId, PageRequest page) {
        var head = head(promptId);
        var versions = prompts.versions(promptId, page);
        if (versions.items().isEmpty()) {
            return new VersionList(head, versions.map(v -> PromptView.of(head, v, Set.of())));
        }
        int newest = versions.items().get(0).version();
        int oldest = versions.items().get(versions.items().size() - 1).version();
        var rolledBack = prompts.rolledBack(promptId, oldest, newest);
        return new VersionList(head, versions.map(v -> PromptView.of(head, v, rolledBack)));
    }

    /** A page of the prompt's history, newest first. */
    public Page<HistoryEntry> history(String promptId, HistoryQuery query) {
        head(promptId);
        return prompts.history(promptId, query);
    }

    /**
     * Points a label at a version, on condition that nothing changed the prompt since it was read. Moving
     * {@code production} to an older version is the rollback; moving it forward is a promotion, which is watched.
     */
    public PromptView moveLabel(String promptId, LabelMove move, ChangeAuthor author) {
        var current = head(promptId);
        author.requireAt(current);
        int version = move.version();
        if (version > current.latestVersion()) {
            throw new InvalidInputException("unknown-version",
                    "prompt '" + promptId + "' has no version " + version + " (latest is " + current.latestVersion() + ")");
        }
        // read before writing: a version whose item is missing is a 404 with nothing written
        var target = version(current, version);
        var moved = prompts.update(current, movedByPerson(current, move, author.actor()));
        return view(moved, target);
    }

    /**
     * Replaces the owner's settings of a prompt read at {@code read}'s revision, recording which changed (archiving
     * and bringing back are events of their own). Settings that equal the stored ones write nothing.
     */
    public PromptView changeSettings(PromptHead read, PromptSettings settings, ChangeAuthor author) {
        author.requireAt(read);
        var changed = settings.changedFrom(read.settings());
        if (changed.isEmpty()) {
            return production(read);
        }
        var kind = !changed.contains("archived") ? HistoryKind.SETTINGS_CHANGED
                : settings.archived() ? HistoryKind.ARCHIVED : HistoryKind.UNARCHIVED;
        var entry = HistoryEntry.event(kind, null, "changed: " + String.join(", ", changed), author.actor(),
                clock.instant());
        return production(prompts.update(read, HeadUpdate.settings(entry, settings)));
    }

    /** A promotion is watched against the version it replaced; a rollback ends any trial. */
    private HeadUpdate movedByPerson(PromptHead current, LabelMove move, String actor) {
        String label = move.label();
        int version = move.version();
        Optional<String> reason = move.reason();
        Integer from = current.labels().get(label);
        boolean production = Labels.PRODUCTION.equals(label);
        boolean back = production && from != null && version < from;
        var entry = new HistoryEntry(back ? HistoryKind.ROLLED_BACK : HistoryKind.LABEL_MOVED, label, from, version,
                reason.orElse(back ? "rollback" : "label moved"), actor, clock.instant());
        if (!production) {
            return HeadUpdate.move(entry);
        }
        return from != null && version > from ? HeadUpdate.promotion(entry, new Trial(version, from, entry.at()))
                : HeadUpdate.rollback(entry);
    }

    /** A single version's view; whether it was rolled back is read only when its labels leave that open. */
    private PromptView view(PromptHead head, PromptVersion version) {
        return PromptView.of(head, version, !VersionStatus.dependsOnRollbacks(head, version.version()) ? Set.of()
                : prompts.rolledBack(head.promptId(), version.version(), version.version()));
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
