package dev.promptloop.prompt;

/** Where a version stands, derived from the head's labels and history and the version's own evaluation. */
public enum VersionStatus {
    PRODUCTION("production"), CANDIDATE("candidate"), REJECTED("rejected"), ROLLED_BACK("rolled-back"),
    RETIRED("retired");

    /** How a canary's rollback begins its history entry. */
    public static final String CANARY_ROLLED_BACK = "canary rolled back";

    private final String wireName;

    VersionStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static VersionStatus of(PromptHead head, PromptVersion version) {
        int number = version.version();
        if (head.labelsOf(number).contains(Labels.PRODUCTION)) {
            return PRODUCTION;
        }
        if (head.labelsOf(number).contains(Labels.CANDIDATE)) {
            return CANDIDATE;
        }
        if (head.labelsOf(number).contains(Labels.REJECTED)) {
            boolean canaryRolledBack = head.history().stream().anyMatch(move -> Labels.REJECTED.equals(move.label())
                    && Integer.valueOf(number).equals(move.to()) && move.reason().startsWith(CANARY_ROLLED_BACK));
            return canaryRolledBack ? ROLLED_BACK : REJECTED;
        }
        if (version.evaluation().map(e -> !e.promoted()).orElse(false)) {
            return REJECTED;
        }
        boolean rolledBack = head.history().stream().anyMatch(move -> Labels.PRODUCTION.equals(move.label())
                && Integer.valueOf(number).equals(move.from()) && move.to() != null && move.to() < number);
        return rolledBack ? ROLLED_BACK : RETIRED;
    }
}
