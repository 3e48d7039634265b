package dev.promptloop.evaluation;

import dev.promptloop.check.CheckResult;
import dev.promptloop.check.OutputCheck;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The evaluation gate: replays cases through candidate and production, scores them with the checks first (a check
 * the candidate fails where production passed rejects it outright), then with a pairwise judge run in both orders to
 * cancel position bias. On the cases being learned from the candidate must win by the margin; on earlier cases it
 * must lose none (non-inferiority, {@link Scoreboard}). A missing or unreadable judge answer counts as a loss for the
 * candidate, never a pass.
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
     * @param rubric what the judge scores against: the critiques being learned from and the protected rules (each
     *        case may add its own)
     * @param budget shared with the optimizer call; throws {@link BudgetExhaustedException} when it runs out
     */
    public Evaluation evaluate(PromptVersion production, PromptVersion candidate, List<EvaluationCase> cases,
            List<String> rubric, RefinementSettings.EvaluationSettings settings, CallBudget budget) {
        var board = new Scoreboard();
        // a stored case keeps the inputs it was made with; a template that gained a placeholder since cannot render it
        List<EvaluationCase> playable = cases.stream().filter(c -> fits(production, c) && fits(candidate, c)).toList();
        board.skipped(cases.size() - playable.size());
        for (EvaluationCase evaluationCase : playable) {
            String productionOutput = evaluationCase.productionOutput()
                    .orElseGet(() -> run(production, evaluationCase, budget));
            String candidateOutput = run(candidate, evaluationCase, budget);
            List<OutputCheck> checks = new ArrayList<>(production.checks());
            checks.addAll(evaluationCase.checks());
            var productionChecks = OutputChecks.run(checks, productionOutput, evaluationCase.variables());
            var candidateChecks = OutputChecks.run(checks, candidateOutput, evaluationCase.variables());
            board.checked(productionChecks, candidateChecks);
            if (regressed(productionChecks, candidateChecks)) {
                board.regression(evaluationCase);
                break;
            }
            long difference = OutputChecks.passed(candidateChecks) - OutputChecks.passed(productionChecks);
            int score = Long.signum(difference);
            if (difference == 0) {
                List<String> caseRubric = new ArrayList<>(rubric);
                evaluationCase.rubric().stream().filter(r -> !caseRubric.contains(r)).forEach(caseRubric::add);
                var verdict = judge(evaluationCase, caseRubric, candidateOutput, productionOutput, budget);
                score = verdict.score(evaluationCase.role());
                board.unreadable(verdict.unreadable());
            }
            board.scored(evaluationCase, score);
            if (score < 0 && evaluationCase.role() == EvaluationCase.Role.EARLIER) {
                break; // lost an earlier case: rejected whatever the rest would show
            }
        }
        return board.evaluation(settings, budget);
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

    /** The judge's two answers on one case: each order +1 for the candidate, -1 for production (or unreadable). */
    private record Verdict(int sum, int unreadable) {

        /**
         * +1 when the candidate wins over both orders, -1 when it loses, 0 a tie; an earlier case is lost only when
         * both orders prefer production, so one noisy answer cannot reject a candidate on its own.
         */
        int score(EvaluationCase.Role role) {
            if (role == EvaluationCase.Role.EARLIER) {
                return sum <= -2 ? -1 : Math.max(0, Integer.signum(sum));
            }
            return Integer.signum(sum);
        }
    }

    private static boolean fits(PromptVersion version, EvaluationCase evaluationCase) {
        return version.missingVariables(evaluationCase.variables()).isEmpty();
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
        return new Verdict(score, unreadable);
    }

    private Optional<JudgePrompt.Winner> ask(List<Message> messages, CallBudget budget) {
        budget.beforeCall();
        return JudgePrompt.parse(budget.charge(model.complete(ModelPurpose.JUDGE, messages, judgeSettings)).text(),
                json);
    }
}
