package dev.promptloop.prompt;

import java.util.Arrays;
import java.util.Optional;

/** What happens to a refined version: it serves at once, or waits on the {@code candidate} label. */
public enum Promotion {
    AUTO("auto"),
    MANUAL("manual");

    private final String wireName;

    Promotion(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Promotion> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName.equals(name)).findFirst();
    }

    /** The label a refined version is pointed at under this policy. */
    public String targetLabel() {
        return this == AUTO ? Labels.PRODUCTION : Labels.CANDIDATE;
    }
}
