package dev.promptloop.suite;

import java.util.List;

/** What one write does to a prompt's regression suite: cases written (replacing any of the same id) and ids dropped. */
public record SuiteChange(List<RegressionCase> puts, List<String> deletes) {

    public static final SuiteChange NONE = new SuiteChange(List.of(), List.of());

    public SuiteChange {
        puts = List.copyOf(puts);
        deletes = List.copyOf(deletes);
    }
}
