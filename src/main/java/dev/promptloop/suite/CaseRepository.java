package dev.promptloop.suite;

import dev.promptloop.core.Page;
import dev.promptloop.core.PageRequest;
import dev.promptloop.prompt.HistoryEntry;

import java.util.List;
import java.util.Optional;

/** Where each prompt's regression suite lives, beside the prompt, for as long as the prompt does. */
public interface CaseRepository {

    /** A page of the suite, by case id. */
    Page<RegressionCase> list(String promptId, PageRequest page);

    /** The whole suite (bounded by {@link CaseAdmission#MAX_CASES}). */
    List<RegressionCase> all(String promptId);

    Optional<RegressionCase> find(String promptId, String caseId);

    /**
     * Writes an owner's change to the suite with the history event that records it, on condition the prompt exists
     * and a deleted case still does; otherwise nothing is written and it is a concurrent change.
     */
    void change(String promptId, SuiteChange change, HistoryEntry entry);
}
