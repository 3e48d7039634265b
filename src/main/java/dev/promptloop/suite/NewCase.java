package dev.promptloop.suite;

import dev.promptloop.check.OutputCheck;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A case the owner asks the suite to hold: inputs, and checks or a note for the judge (or both). */
public record NewCase(Map<String, String> variables, List<OutputCheck> checks, Optional<String> note) {

    public NewCase {
        variables = Map.copyOf(variables);
        checks = List.copyOf(checks);
    }
}
