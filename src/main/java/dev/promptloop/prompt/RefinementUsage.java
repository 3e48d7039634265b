package dev.promptloop.prompt;

import java.time.LocalDate;

/**
 * Model calls and tokens refinement spent on one prompt on one (UTC) day.
 *
 * @param stopRecorded whether the history already says that this day's budget was reached (said once a day)
 */
public record RefinementUsage(LocalDate day, int modelCalls, int tokens, boolean stopRecorded) {

    public static RefinementUsage none(LocalDate day) {
        return new RefinementUsage(day, 0, 0, false);
    }

    /** Today's usage: yesterday's counts do not carry over. */
    public RefinementUsage on(LocalDate today) {
        return today.equals(day) ? this : none(today);
    }

    public RefinementUsage plus(int calls, int moreTokens) {
        return new RefinementUsage(day, modelCalls + calls, tokens + moreTokens, stopRecorded);
    }

    /** The same usage, once the budget stop has been recorded. */
    public RefinementUsage withStopRecorded() {
        return new RefinementUsage(day, modelCalls, tokens, true);
    }
}
