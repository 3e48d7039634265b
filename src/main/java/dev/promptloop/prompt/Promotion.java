package dev.promptloop.prompt;

import java.util.Arrays;
import java.util.Optional;

/** What happens to a refined version. */
public enum Promotion {
    /** It becomes production at once. */
    AUTO("auto"),
    /** It waits on the {@code candidate} label for a person to promote it. */
    MANUAL("manual"),
    /** It becomes production only if it beats production on an evaluation set; otherwise it is labelled rejected. */
    EVALUATED("evaluated"),
    /**
     * After passing the evaluation it serves a share of renders, sticky per caller key, until a Bayesian comparison of
     * people's feedback promotes it or rolls it back.
     */
    CANARY("canary");

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

    public boolean evaluates() {
        return this == EVALUATED || this == CANARY;
    }
}
