package dev.promptloop.evaluation;

/** A refinement reached its prompt's daily cap on model calls or tokens. */
public class BudgetExhaustedException extends RuntimeException {

    public BudgetExhaustedException(String message) {
        super(message);
    }
}
