package dev.promptloop.evaluation;

import dev.promptloop.render.ModelReply;

/** Model calls and tokens one refinement may still spend, and what it has spent. */
public final class CallBudget {

    private final int maxCalls;
    private final int maxTokens;
    private int calls;
    private int tokens;

    public CallBudget(int maxCalls, int maxTokens) {
        this.maxCalls = maxCalls;
        this.maxTokens = maxTokens;
    }

    /** Throws when the next call would exceed the budget. */
    public void beforeCall() {
        if (calls >= maxCalls || tokens >= maxTokens) {
            throw new BudgetExhaustedException("refinement budget exhausted after " + calls + " model calls and "
                    + tokens + " tokens");
        }
    }

    public ModelReply charge(ModelReply reply) {
        calls++;
        tokens += reply.usage().totalTokens();
        return reply;
    }

    public int calls() {
        return calls;
    }

    public int tokens() {
        return tokens;
    }
}
