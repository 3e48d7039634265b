package dev.promptloop.prompt;

import java.util.Arrays;
import java.util.Optional;

/** What a history entry records; decisions read the kind, never the reason's words. */
public enum HistoryKind {
    /** The prompt was created; production points at version 1. */
    CREATED("created"),
    /** A person pointed a label at a version (production forward included: that starts a watch). */
    LABEL_MOVED("label-moved"),
    /** A person moved production back to an older version. */
    ROLLED_BACK("rolled-back"),
    /** A refinement wrote a version and gave it the label its promotion policy names. */
    REFINED("refined"),
    /** A refinement wrote a version that failed the evaluation gate; it carries the rejected label. */
    REJECTED("rejected"),
    /** Critiques whose refinements the gate rejected too often were parked: no longer pending, shown as unresolved. */
    FEEDBACK_UNRESOLVED("feedback-unresolved"),
    /** People preferred the canary: it became production. */
    CANARY_PROMOTED("canary-promoted"),
    /** People did not prefer the canary: it was labelled rejected. */
    CANARY_ROLLED_BACK("canary-rolled-back"),
    /** The watch after a promotion found a regression and moved production back. */
    AUTO_ROLLED_BACK("auto-rolled-back"),
    /** The watch after a promotion ended without a regression, or because production moved. */
    WATCH_ENDED("watch-ended"),
    /** A refinement ran out of its day's budget part-way and wrote nothing but its usage. */
    BUDGET_EXHAUSTED("budget-exhausted"),
    /** The day's refinement budget was already spent; recorded once a day. */
    BUDGET_REACHED("budget-reached"),
    /**
     * A person wrote a version by hand; it carries the label they chose (candidate, or production), or none while it
     * waits for the evaluation gate.
     */
    VERSION_WRITTEN("version-written"),
    /** A hand-written version passed the evaluation gate against production and became production. */
    GATE_PASSED("gate-passed"),
    /** A hand-written version failed the evaluation gate; it carries the rejected label, production stays. */
    GATE_FAILED("gate-failed"),
    /** The evaluation gate of a hand-written version could not give a verdict (budget, model); no label moved. */
    GATE_ABANDONED("gate-abandoned"),
    /** The owner changed the refinement settings, the description or the tags. */
    SETTINGS_CHANGED("settings-changed"),
    /** The owner added a case to the prompt's regression suite (or replaced the expectation of one). */
    CASE_ADDED("case-added"),
    /** The owner dropped a case from the prompt's regression suite. */
    CASE_DELETED("case-deleted"),
    /** The owner archived the prompt: it no longer renders and is not refined. */
    ARCHIVED("archived"),
    /** The owner brought an archived prompt back. */
    UNARCHIVED("unarchived");

    private final String wireName;

    HistoryKind(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<HistoryKind> fromWireName(String name) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }
}
