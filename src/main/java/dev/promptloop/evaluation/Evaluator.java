package dev.promptloop.evaluation;

import dev.promptloop.check.CheckResult;
import dev.promptloop.check.OutputChecks;
import dev.promptloop.prompt.Evaluation;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.render.ChatModel;
import dev.promptloop.render.JsonReader;
import dev.promptloop.render.Message;
import dev.promptloop.render.MessageComposer;
import dev.promptloop.render.ModelPurpose;

import java.util.List;
import java.util.Optional;

/**
 * The evaluation gate: replays cases through candidate and production, scores them with the checks first (a check
 * the candidate fails where production passed rejects it outright), then with a pairwise judge run in both orders to
 * cancel position bias. A missing or unreadable judge answer counts as a loss for the candidate, never a pass.
 */
public class Evaluator {

    private final ChatModel model;
    private final ModelSettings judgeSettings;
    private final JsonReader json;

    /** @param judgeSettings the model settings of the judge's calls (the candidates run on their own) */
    public Evaluator(ChatModel model, ModelSettings judgeSettings, JsonReader json) {
        this.model = model;
        this.judgeSettings = judgeSettings;
        this.json = json;
    }

    /**
     * @param rubric what the judge scores against: the critiques being learned from and the protected rules
     * @param budget shared with the optimizer call; throws {@link BudgetExhaustedException} when it runs out
     */
    public Evaluation evaluate(PromptVersion production, PromptVersion candidate, List<EvaluationCase> cases,
            List<String> rubric, RefinementSettings.EvaluationSettings settings, CallBudget budget) {
        int wins = 0;
        int losses = 0;
        int ties = 0;
        int regressions = 0;
        int checksRun = 0;
        int candidatePassed = 0;
        int productionPassed = 0;
        int played = 0;
        int unreadable = 0;
        for (EvaluationCase evaluationCase : cases) {
            played++;
            String productionOutput = evaluationCase.productionOutput()
                    .orElseGet(() -> run(production, evaluationCase, budget));
            String candidateOutput = run(candidate, evaluationCase, budget);
            var productionChecks = OutputChecks.run(production.checks(), productionOutput, evaluationCase.variables());
            var candidateChecks = OutputChecks.run(production.checks(), candidateOutput, evaluationCase.variables());
            checksRun += productionChecks.size();
            productionPassed += OutputChecks.passed(productionChecks);
            candidatePassed += OutputChecks.passed(candidateChecks);
            if (regressed(productionChecks, candidateChecks)) {
                regressions++;
                losses++;
                break;
            }
            long difference = OutputChecks.passed(candidateChecks) - OutputChecks.passed(productionChecks);
            int score = Long.signum(difference);
            if (difference == 0) {
                var verdict = judge(evaluationCase, rubric, candidateOutput, productionOutput, budget);
                score = verdict.score();
                unreadable += verdict.unreadable();
            }
            if (score > 0) {
                wins++;
            } else if (score < 0) {
                losses++;
            } else {
                ties++;
            }
        }
        double candidateRate = checksRun == 0 ? 1.0 : (double) candidatePassed / checksRun;
        double productionRate = checksRun == 0 ? 1.0 : (double) productionPassed / checksRun;
        int needed = Math.max(1, (int) Math.ceil(settings.minWinMargin() * played));
        boolean promoted = regressions == 0 && played > 0 && wins - losses >= needed;
        String reason = verdict(promoted, played, wins, losses, ties, regressions, needed);
        return new Evaluation(played, wins, losses, ties, regressions, candidateRate, productionRate, budget.calls(),
                budget.tokens(), promoted, reason, unreadable);
    }

    private String run(PromptVersion version, EvaluationCase evaluationCase, CallBudget budget) {
        budget.beforeCall();
        return budget.charge(model.complete(ModelPurpose.RENDER,
                MessageComposer.compose(version, evaluationCase.variables()), version.model())).text();
    }

    private static boolean regressed(List<CheckResult> production, List<CheckResult> candidate) {
        for (int i = 0; i < production.size(); i++) {
            if (production.get(i).passed() && !candidate.get(i).passed()) {
                return true;
            }
        }
        return false;
    }

    /** The judge's two answers on one case: +1 when the candidate wins over both orders, -1 when it loses, 0 a tie. */
    private record Verdict(int score, int unreadable) {
    }

    private Verdict judge(EvaluationCase evaluationCase, List<String> rubric, String candidate, String production,
            CallBudget budget) {
        String input = evaluationCase.variables().toString();
        Optional<JudgePrompt.Winner> candidateFirst = ask(JudgePrompt.messages(input, rubric, candidate, production),
                budget);
        Optional<JudgePrompt.Winner> productionFirst = ask(JudgePrompt.messages(input, rubric, production, candidate),
                budget);
        int score = candidateFirst.map(w -> w == JudgePrompt.Winner.A ? 1 : w == JudgePrompt.Winner.B ? -1 : 0)
                .orElse(-1);
        score += productionFirst.map(w -> w == JudgePrompt.Winner.B ? 1 : w == JudgePrompt.Winner.A ? -1 : 0)
                .orElse(-1);
        int unreadable = (candidateFirst.isEmpty() ? 1 : 0) + (productionFirst.isEmpty() ? 1 : 0);
        return new Verdict(Integer.signum(score), unreadable);
    }

    private Optional<JudgePrompt.Winner> ask(List<Message> messages, CallBudget budget) {
        budget.beforeCall();
        return JudgePrompt.parse(budget.charge(model.complete(ModelPurpose.JUDGE, messages, judgeSettings)).text(),
                json);
    }

    private static String verdict(boolean promoted, int cases, int wins, int losses, int ties, int regressions,
            int needed) {
        String score = wins + " wins, " + losses + " losses, " + ties + " ties over " + cases + " cases";
        if (cases == 0) {
            return "rejected: no evaluation cases (the renders behind the feedback have expired)";
        }
        if (regressions > 0) {
            return "rejected: the candidate failed a check production passed (" + score + ")";
        }
        return (promoted ? "promoted: " : "rejected: ") + score + "; needed a lead of " + needed;
    }
}
