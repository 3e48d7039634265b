package dev.promptloop.check;

import java.util.List;
import java.util.Map;

/** Runs a version's checks on one output. */
public final class OutputChecks {

    private OutputChecks() {
    }

    public static List<CheckResult> run(List<OutputCheck> checks, String output, Map<String, String> variables) {
        return checks.stream().map(check -> check.run(output, variables)).toList();
    }

    public static long passed(List<CheckResult> results) {
        return results.stream().filter(CheckResult::passed).count();
    }
}
