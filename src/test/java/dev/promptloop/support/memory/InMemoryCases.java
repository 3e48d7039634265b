package dev.promptloop.support.memory;

import dev.promptloop.core.Page;
import dev.promptloop.core.PageRequest;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.suite.CaseRepository;
import dev.promptloop.suite.RegressionCase;
import dev.promptloop.suite.SuiteChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Regression suites in memory, by case id as the DynamoDB store orders them. */
public class InMemoryCases implements CaseRepository {

    private final Map<String, TreeMap<String, RegressionCase>> suites = new ConcurrentHashMap<>();
    private final InMemoryPrompts prompts;

    public InMemoryCases(InMemoryPrompts prompts) {
        this.prompts = prompts;
    }

    @Override
    public synchronized Page<RegressionCase> list(String promptId, PageRequest page) {
        var suite = new ArrayList<>(suite(promptId).tailMap(page.after().orElse(""), false).values());
        return suite.size() <= page.limit() ? Page.last(suite)
                : new Page<>(suite.subList(0, page.limit()), Optional.of(suite.get(page.limit() - 1).caseId()));
    }

    @Override
    public synchronized List<RegressionCase> all(String promptId) {
        return List.copyOf(suite(promptId).values());
    }

    @Override
    public synchronized Optional<RegressionCase> find(String promptId, String caseId) {
        return Optional.ofNullable(suite(promptId).get(caseId));
    }

    @Override
    public synchronized void change(String promptId, SuiteChange change, HistoryEntry entry) {
        prompts.record(promptId, entry); // throws, as the transaction fails, when the prompt is gone
        apply(promptId, change);
    }

    /** What a refinement's publication does to the suite, in the same step as the rest of it. */
    public synchronized void apply(String promptId, SuiteChange change) {
        var suite = suite(promptId);
        change.deletes().forEach(suite::remove);
        change.puts().forEach(c -> suite.put(c.caseId(), c));
    }

    private TreeMap<String, RegressionCase> suite(String promptId) {
        return suites.computeIfAbsent(promptId, id -> new TreeMap<>());
    }
}
