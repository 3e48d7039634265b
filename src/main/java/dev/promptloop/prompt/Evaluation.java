package dev.promptloop.prompt;

/**
 * How a candidate version fared against production before promotion.
 *
 * @param cases evaluation cases replayed through both versions
 * @param wins cases the candidate won (by checks, or by the judge in both orders)
 * @param checkRegressions cases where the candidate failed a check production passed (any one rejects it)
 * @param candidatePassRate share of checks the candidate passed over all cases
 * @param productionPassRate the same for production
 * @param modelCalls every model call of the refinement, optimizer included
 * @param tokens every token of those calls
 * @param promoted whether the gate let the candidate through
 * @param reason the gate's verdict in words
 * @param unreadableVerdicts judge answers that could not be read (each counted as a loss of the candidate)
 * @param earlierCases cases replayed from before this refinement (the regression suite, well-rated renders)
 * @param earlierLosses earlier cases the candidate lost to production, by a check or the judge (any one rejects it)
 */
public record Evaluation(int cases, int wins, int losses, int ties, int checkRegressions, double candidatePassRate,
        double productionPassRate, int modelCalls, int tokens, boolean promoted, String reason,
        int unreadableVerdicts, int earlierCases, int earlierLosses) {

    /** Whether this candidate is the better of two: one that passed beats one that did not, then the larger lead. */
    public boolean beats(Evaluation other) {
        if (promoted != other.promoted) {
            return promoted;
        }
        return wins - losses > other.wins - other.losses;
    }
}
