package dev.promptloop.prompt;

import dev.promptloop.problem.ProblemException;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Creates prompts, reads their versions and moves their labels. */
public class PromptCatalog {

    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final PromptRepository prompts;
    private final Clock clock;

    public PromptCatalog(PromptRepository prompts, Clock clock) {
        this.prompts = prompts;
        this.clock = clock;
    }

    public PromptView create(NewPrompt prompt) {
        requireId(prompt.id());
        var now = clock.instant();
        var head = new PromptHead(prompt.id(), Map.of(Labels.PRODUCTION, 1), 1, prompt.refinement(), now, 0,
                List.of(new LabelMove(Labels.PRODUCTION, null, 1, "created", now)),
                RefinementUsage.none(LocalDate.ofInstant(now, ZoneOffset.UTC)), Optional.empty(), Optional.empty());
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
     * Points a label at a version, on condition that nothing changed the prompt since it was read (a 409 otherwise).
     * Moving {@code production} to an older version is the rollback.
     */
    public PromptView moveLabel(String promptId, String label, int version, Optional<String> reason) {
        if (!Labels.NAME.matcher(label).matches()) {
            throw ProblemException.badRequest("invalid-label",
                    "label must match " + Labels.NAME.pattern() + ", got '" + ProblemException.excerpt(label) + "'");
        }
        if (version < 1) {
            throw ProblemException.badRequest("invalid-version", "version must be a positive integer");
        }
        var current = head(promptId);
        if (version > current.latestVersion()) {
            throw ProblemException.unprocessable("unknown-version",
                    "prompt '" + promptId + "' has no version " + version + " (latest is " + current.latestVersion() + ")");
        }
        reason.ifPresent(PromptCatalog::requireReason);
        Integer from = current.labels().get(label);
        String why = reason.orElse(from != null && Labels.PRODUCTION.equals(label) && version < from
                ? "rollback" : "label moved");
        var move = new LabelMove(label, from, version, why, clock.instant());
        var update = HeadUpdate.move(move);
        if (Labels.PRODUCTION.equals(label)) {
            // a promotion is watched against the version it replaced; a rollback ends any trial
            boolean promotion = from != null && version > from;
            update = new HeadUpdate(update.labels(), Set.of(), update.history(), Optional.empty(), true,
                    promotion ? Optional.of(new Trial(version, from, move.at())) : Optional.empty(), !promotion);
        }
        var moved = prompts.update(current, update);
        return new PromptView(moved, version(moved, version));
    }

    /** Reads a head; unknown or malformed ids are a 404 so callers never learn more than "not here". */
    public PromptHead head(String promptId) {
        if (promptId == null || !ID.matcher(promptId).matches()) {
            throw ProblemException.notFound("prompt-not-found", "no prompt '" + ProblemException.excerpt(String.valueOf(promptId)) + "'");
        }
        return prompts.head(promptId).orElseThrow(
                () -> ProblemException.notFound("prompt-not-found", "no prompt '" + promptId + "'"));
    }

    public PromptVersion version(PromptHead head, int version) {
        return prompts.version(head.promptId(), version).orElseThrow(() -> ProblemException.notFound("version-not-found",
                "prompt '" + head.promptId() + "' has no version " + version));
    }

    private static void requireReason(String reason) {
        if (reason.isBlank() || reason.length() > 300 || reason.contains("\n")) {
            throw ProblemException.unprocessable("invalid-reason", "reason must be one line of 1 to 300 characters");
        }
    }

    private static void requireId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw ProblemException.badRequest("invalid-prompt-id",
                    "id must match " + ID.pattern() + ", got '" + ProblemException.excerpt(String.valueOf(id)) + "'");
        }
    }
}
