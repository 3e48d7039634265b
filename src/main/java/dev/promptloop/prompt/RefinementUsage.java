package dev.promptloop.prompt;

import java.time.LocalDate;

/** Model calls and tokens refinement spent on one prompt on one (UTC) day. */
public record RefinementUsage(LocalDate day, int modelCalls, int tokens) {

    public static RefinementUsage none(LocalDate day) {
        return new RefinementUsage(day, 0, 0);
    }

    /** Today's usage: yesterday's counts do not carry over. */
    public RefinementUsage on(LocalDate today) {
        return today.equals(day) ? this : none(today);
    }

    public RefinementUsage plus(int calls, int moreTokens) {
        return new RefinementUsage(day, modelCalls + calls, tokens + moreTokens);
    }
}
