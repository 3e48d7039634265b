package dev.promptloop.evaluation;

import dev.promptloop.check.CheckResult;
import dev.promptloop.check.OutputChecks;
import dev.promptloop.prompt.Evaluation;
import dev.promptloop.prompt.RefinementSettings;

import java.util.List;

/**
 * Scores of one evaluation as its cases are played, and the verdict: promoted when no check regressed, no earlier
 * case was lost, and the candidate's lead on the cases being learned from (on every case, when none of those could
 * be replayed) reaches the win margin.
 */
final class Scoreboard {

    private int played;
    private int wins;
    private int losses;
    private int ties;
    private int regressions;
    private int checksRun;
    private int candidatePassed;
    private int productionPassed;
    private int learning;
    private int learningLead;
    private int earlier;
    private int earlierLosses;
    private String lostCase;
    private int unreadable;
    private int skipped;

    void skipped(int cases) {
        skipped += cases;
    }

    void checked(List<CheckResult> production, List<CheckResult> candidate) {
        checksRun += production.size();
        productionPassed += (int) OutputChecks.passed(production);
        candidatePassed += (int) OutputChecks.passed(candidate);
    }

    void unreadable(int answers) {
        unreadable += answers;
    }

    void regression(EvaluationCase lost) {
        regressions++;
        scored(lost, -1);
    }

    void scored(EvaluationCase evaluationCase, int score) {
        played++;
        if (score > 0) {
            wins++;
        } else if (score < 0) {
            losses++;
        } else {
            ties++;
        }
        if (evaluationCase.role() == EvaluationCase.Role.LEARNING) {
            learning++;
            learningLead += score;
        } else {
            earlier++;
            if (score < 0) {
                earlierLosses++;
                lostCase = evaluationCase.source();
            }
        }
    }

    Evaluation evaluation(RefinementSettings.EvaluationSettings settings, CallBudget budget) {
        double candidateRate = checksRun == 0 ? 1.0 : (double) candidatePassed / checksRun;
        double productionRate = checksRun == 0 ? 1.0 : (double) productionPassed / checksRun;
        int judged = learning > 0 ? learning : played;
        int lead = learning > 0 ? learningLead : wins - losses;
        int needed = Math.max(1, (int) Math.ceil(settings.minWinMargin() * judged));
        boolean promoted = regressions == 0 && earlierLosses == 0 && played > 0 && lead >= needed;
        return new Evaluation(played, wins, losses, ties, regressions, candidateRate, productionRate, budget.calls(),
                budget.tokens(), promoted, reason(promoted, lead, needed), unreadable, earlier, earlierLosses);
    }

    private String reason(boolean promoted, int lead, int needed) {
        String score = wins + " wins, " + losses + " losses, " + ties + " ties over " + played + " cases";
        if (played == 0) {
            return skipped > 0 ? "rejected: none of the " + skipped + " evaluation cases has every variable both "
                    + "versions use" : "rejected: no evaluation cases (the renders behind the feedback have expired)";
        }
        if (regressions > 0) {
            return "rejected: the candidate failed a check production passed"
                    + (lostCase == null ? "" : " on earlier case " + lostCase) + " (" + score + ")";
        }
        if (earlierLosses > 0) {
            return "rejected: the candidate lost earlier case " + lostCase + " to production (" + score + ")";
        }
        String needs = learning > 0 && earlier > 0
                ? "; needed a lead of " + needed + " on the " + learning + " cases learned from, had " + lead
                : "; needed a lead of " + needed;
        return (promoted ? "promoted: " : "rejected: ") + score + needs;
    }
}
