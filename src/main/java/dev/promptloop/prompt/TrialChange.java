package dev.promptloop.prompt;

/** What a head update does to a trial (the canary, or the watch): leave it, start one, or end it. */
public sealed interface TrialChange {

    TrialChange KEEP = new Keep();
    TrialChange END = new End();

    static TrialChange start(Trial trial) {
        return new Start(trial);
    }

    record Keep() implements TrialChange {
    }

    record Start(Trial trial) implements TrialChange {
    }

    record End() implements TrialChange {
    }
}
