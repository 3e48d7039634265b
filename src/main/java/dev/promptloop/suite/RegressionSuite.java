package dev.promptloop.suite;

import dev.promptloop.core.ConflictException;
import dev.promptloop.core.NotFoundException;
import dev.promptloop.core.Page;
import dev.promptloop.core.PageRequest;
import dev.promptloop.core.Texts;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.NewPrompt;
import dev.promptloop.prompt.PromptCatalog;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The owner's side of a prompt's regression suite: read it, add a case (inputs production can render, with checks or
 * a note), drop a case. Each change is recorded in the prompt's history. The cases the suite learns from feedback
 * are written by refinement ({@link CaseAdmission}).
 */
public class RegressionSuite {

    private final PromptCatalog catalog;
    private final CaseRepository cases;
    private final Clock clock;

    public RegressionSuite(PromptCatalog catalog, CaseRepository cases, Clock clock) {
        this.catalog = catalog;
        this.cases = cases;
        this.clock = clock;
    }

    public Page<RegressionCase> list(String promptId, PageRequest page) {
        catalog.head(promptId);
        return cases.list(promptId, page);
    }

    /**
     * Adds an owner's case; posting inputs the owner already gave a case for (up to case, spacing and punctuation)
     * replaces that case's expectation.
     */
    public RegressionCase add(String promptId, NewCase request, String actor) {
        var head = catalog.head(promptId);
        var production = catalog.version(head, head.production());
        production.requireVariables(request.variables());
        NewPrompt.requireChecksFit(production.template(), request.checks());
        var added = RegressionCase.owner(request.variables(), request.checks(), request.note(), production.version(),
                actor, clock.instant());
        long others = cases.all(promptId).stream().filter(c -> c.kind() == RegressionCase.Kind.OWNER
                && !c.caseId().equals(added.caseId())).count();
        if (others >= CaseAdmission.MAX_OWNER_CASES) {
            throw new ConflictException("suite-full", "prompt '" + promptId + "' holds "
                    + CaseAdmission.MAX_OWNER_CASES + " cases of its owner, the most it keeps; delete one first");
        }
        cases.change(promptId, new SuiteChange(List.of(added), List.of()), HistoryEntry.event(HistoryKind.CASE_ADDED,
                production.version(), "regression case " + added.caseId() + " added", actor, added.createdAt()));
        return added;
    }

    /** Drops a case and hands back what it held. */
    public RegressionCase delete(String promptId, String caseId, String actor) {
        catalog.head(promptId);
        var found = RegressionCase.isId(caseId) ? cases.find(promptId, caseId) : Optional.<RegressionCase>empty();
        var gone = found.orElseThrow(() -> new NotFoundException("case-not-found", "prompt '" + promptId
                + "' has no regression case '" + Texts.excerpt(String.valueOf(caseId)) + "'"));
        cases.change(promptId, new SuiteChange(List.of(), List.of(gone.caseId())), HistoryEntry.event(
                HistoryKind.CASE_DELETED, null, "regression case " + gone.caseId() + " (" + gone.kind().wireName()
                        + ") deleted", actor, clock.instant()));
        return gone;
    }
}
