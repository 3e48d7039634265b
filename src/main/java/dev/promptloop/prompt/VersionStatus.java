package dev.promptloop.prompt;

/** Where a version stands, derived from the head's labels and history and the version's own evaluation. */
public enum VersionStatus {
    PRODUCTION("production"), CANDIDATE("candidate"), REJECTED("rejected"), ROLLED_BACK("rolled-back"),
    RETIRED("retired");

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
            boolean canaryRolledBack = head.history().stream().anyMatch(entry -> entry.kind()
                    == HistoryKind.CANARY_ROLLED_BACK && Integer.valueOf(number).equals(entry.to()));
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
