package dev.promptloop.prompt;

import java.util.Optional;

/** What a head update does to a trial (the canary, or the watch): leave it, start one, or end it. */
public sealed interface TrialChange {

    TrialChange KEEP = new Keep();
    TrialChange END = new End();

    static TrialChange start(Trial trial) {
        return new Start(trial);
    }

    /** The trial after this change. */
    Optional<Trial> applyTo(Optional<Trial> current);

    record Keep() implements TrialChange {
        @Override
        public Optional<Trial> applyTo(Optional<Trial> current) {
            return current;
        }
    }

    record Start(Trial trial) implements TrialChange {
        @Override
        public Optional<Trial> applyTo(Optional<Trial> current) {
            return Optional.of(trial);
        }
    }

    record End() implements TrialChange {
        @Override
        public Optional<Trial> applyTo(Optional<Trial> current) {
            return Optional.empty();
        }
    }
}
