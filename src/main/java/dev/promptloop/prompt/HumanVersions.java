package dev.promptloop.prompt;

import dev.promptloop.core.ConflictException;
import dev.promptloop.core.InvalidInputException;
import dev.promptloop.core.Texts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Versions people write by hand beside the ones refinement writes: from production, each part replaced or kept,
 * the learned rules kept, reset or edited one by one (a reworded rule keeps its provenance). The new version takes
 * the next number in the same conditional write as its label, so a refinement racing for that number loses cleanly
 * (its feedback stays pending) or wins and this write is refused as a concurrent change. A version to be evaluated
 * first is written unlabelled with a gate on the head, which the refine function decides ({@code GateStep}).
 */
public class HumanVersions {

    private final PromptCatalog catalog;
    private final PromptRepository prompts;
    private final Clock clock;

    public HumanVersions(PromptCatalog catalog, PromptRepository prompts, Clock clock) {
        this.catalog = catalog;
        this.prompts = prompts;
        this.clock = clock;
    }

    public WrittenVersion write(String promptId, VersionDraft draft, ChangeAuthor author) {
        var head = catalog.head(promptId);
        author.requireAt(head);
        var production = catalog.version(head, head.production());
        var template = draft.template().orElse(production.template());
        var checks = draft.checks().orElse(production.checks());
        NewPrompt.requireChecksFit(template, checks);
        var placement = draft.placement();
        var now = clock.instant();
        requireRoomFor(head, placement, now);
        int next = head.latestVersion() + 1;
        var rules = rules(production.rules(), draft.rules(), next, author.actor(), now);
        String reason = draft.reason().orElse("written by hand from version " + production.version());
        var version = new PromptVersion(promptId, next, template, draft.model().orElse(production.model()),
                draft.protectedRules().orElse(production.protectedRules()), rules, checks, now, reason,
                production.version(), Optional.empty());
        var update = switch (placement) {
            case PRODUCTION -> HeadUpdate.promotion(HistoryEntry.moving(HistoryKind.VERSION_WRITTEN, head,
                    Labels.PRODUCTION, next, reason, author.actor(), now),
                    new Trial(next, head.production(), now));
            case CANDIDATE -> HeadUpdate.move(HistoryEntry.moving(HistoryKind.VERSION_WRITTEN, head,
                    Labels.CANDIDATE, next, reason, author.actor(), now));
            case EVALUATED -> HeadUpdate.gateStart(HistoryEntry.event(HistoryKind.VERSION_WRITTEN, next,
                    reason + "; waits for the evaluation gate against version " + production.version(),
                    author.actor(), now), new Trial(next, production.version(), now));
        };
        if (head.gate().isPresent()) {
            // reached only when the new version may replace the gate: it goes to production, or the gate is stale
            int waiting = head.gate().get().version();
            update = update.endingGate(HistoryEntry.event(HistoryKind.GATE_ABANDONED, waiting, "the evaluation gate "
                    + "of version " + waiting + " gave no verdict: version " + next + " was written by hand",
                    author.actor(), now));
        }
        var written = prompts.addVersion(head, version, update);
        return new WrittenVersion(PromptView.of(written, version, Set.of()),
                difference(template.variables(), production.template().variables()),
                difference(production.template().variables(), template.variables()));
    }

    /**
     * One gate at a time (a version straight to production, or a gate past its lifetime, ends it); the candidate
     * label is not taken from a running canary or a refined candidate.
     */
    private static void requireRoomFor(PromptHead head, VersionDraft.Placement placement, Instant now) {
        String promptId = head.promptId();
        if (placement != VersionDraft.Placement.PRODUCTION && head.liveGate(now).isPresent()) {
            throw new ConflictException("gate-pending", "version " + head.gate().get().version() + " of '" + promptId
                    + "' waits for its evaluation gate; write the next version once it is decided, or straight to "
                    + "production");
        }
        if (placement != VersionDraft.Placement.CANDIDATE) {
            return;
        }
        if (head.canary().isPresent()) {
            throw new ConflictException("canary-running", "version " + head.canary().get().version() + " of '"
                    + promptId + "' is a running canary on the candidate label; wait for its decision, or write "
                    + "the new version straight to production");
        }
        Integer waiting = head.labels().get(Labels.CANDIDATE);
        if (waiting != null && waiting > head.production()) {
            throw new ConflictException("candidate-waiting", "version " + waiting + " of '" + promptId + "' waits "
                    + "on the candidate label; promote it, move the label away, or write the new version straight "
                    + "to production");
        }
    }

    private static List<LearnedRule> rules(List<LearnedRule> current, RuleChoice choice, int version, String actor,
            Instant now) {
        if (choice instanceof RuleChoice.Reset) {
            return List.of();
        }
        if (!(choice instanceof RuleChoice.Listed listed)) {
            return current;
        }
        List<LearnedRule> kept = new ArrayList<>();
        for (var item : listed.kept()) {
            var rule = current.stream()
                    .filter(r -> r.id().equals(item.reference()) || r.text().equals(item.reference())).findFirst().orElseThrow(() -> new InvalidInputException("unknown-rule", "production has no "
                            + "learned rule with the id or text '" + Texts.excerpt(item.reference()) + "'"));
            if (kept.stream().anyMatch(r -> r.id().equals(rule.id()))) {
                throw new InvalidInputException("duplicate-rule", "rule " + rule.id() + " is named twice");
            }
            kept.add(item.rewording().filter(text -> !text.equals(rule.text()))
                    .map(text -> rule.reworded(text, version, actor, now)).orElse(rule));
        }
        return kept;
    }

    private static List<String> difference(Set<String> these, Set<String> those) {
        Set<String> left = new LinkedHashSet<>(these);
        left.removeAll(those);
        return List.copyOf(left);
    }
}
