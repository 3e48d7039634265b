package dev.promptloop.prompt;

import java.util.Set;

/**
 * Where a version stands, derived from the head's labels and gate, the rollbacks recorded in the history, and the
 * version's own evaluation.
 */
public enum VersionStatus {
    PRODUCTION("production"), CANDIDATE("candidate"), EVALUATING("evaluating"), REJECTED("rejected"),
    ROLLED_BACK("rolled-back"), RETIRED("retired");

    private final String wireName;

    VersionStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether the rollbacks matter to the status of {@code version}: not when production or candidate points at it. */
    public static boolean dependsOnRollbacks(PromptHead head, int version) {
        var labels = head.labelsOf(version);
        return !labels.contains(Labels.PRODUCTION) && !labels.contains(Labels.CANDIDATE);
    }

    /**
     * @param rolledBack the versions of the prompt that production was taken away from, or whose canary ended
     *                   (those among them that matter here are enough)
     */
    public static VersionStatus of(PromptHead head, PromptVersion version, Set<Integer> rolledBack) {
        int number = version.version();
        var labels = head.labelsOf(number);
        if (labels.contains(Labels.PRODUCTION)) {
            return PRODUCTION;
        }
        if (labels.contains(Labels.CANDIDATE)) {
            return CANDIDATE;
        }
        if (head.gate().filter(gate -> gate.version() == number).isPresent()) {
            return EVALUATING;
        }
        if (labels.contains(Labels.REJECTED)) {
            return rolledBack.contains(number) ? ROLLED_BACK : REJECTED;
        }
        if (version.evaluation().map(e -> !e.promoted()).orElse(false)) {
            return REJECTED;
        }
        return rolledBack.contains(number) ? ROLLED_BACK : RETIRED;
    }
}
