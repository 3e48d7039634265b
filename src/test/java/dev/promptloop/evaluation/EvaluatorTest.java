package dev.promptloop.evaluation;

import dev.promptloop.check.OutputCheck;
import dev.promptloop.llm.ModelAnswerJson;
import dev.promptloop.prompt.Evaluation;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.render.ChatModel;
import dev.promptloop.render.Message;
import dev.promptloop.render.ModelPurpose;
import dev.promptloop.render.ModelReply;
import dev.promptloop.render.Usage;
import dev.promptloop.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gate's scoring, on a scripted model (the core's model port), with no Quarkus and no tables. */
class EvaluatorTest {

    static final List<OutputCheck> PRICE = List.of(new OutputCheck.ContainsVariable("price"));
    static final PromptVersion PRODUCTION = Fixtures.version("Write copy.", "Copy for {{name}} at {{price}}",
            List.of(), List.of(), PRICE);
    static final PromptVersion CANDIDATE = Fixtures.version("Write copy.", "Copy for {{name}} at {{price}}",
            List.of(), List.of("Always state the price."), PRICE);
    static final RefinementSettings.EvaluationSettings SETTINGS = new RefinementSettings.EvaluationSettings(8, 0.1, 1);

    final List<List<Message>> calls = new ArrayList<>();

    @Test
    void aCandidateThatPassesChecksProductionFailedWinsWithoutAskingTheJudge() {
        var evaluator = evaluator(messages -> isCandidate(messages) ? "Lamp at 9.99" : "Lamp");

        var evaluation = evaluator.evaluate(PRODUCTION, CANDIDATE, cases(3), List.of("no price"), SETTINGS,
                new CallBudget(100, 100_000));

        assertThat(evaluation.promoted()).isTrue();
        assertThat(evaluation.wins()).isEqualTo(3);
        assertThat(evaluation.candidatePassRate()).isEqualTo(1.0);
        assertThat(evaluation.productionPassRate()).isEqualTo(0.0);
        assertThat(evaluation.modelCalls()).isEqualTo(6);
        assertThat(calls).noneMatch(EvaluatorTest::isJudge);
    }

    @Test
    void aCheckRegressionRejectsTheCandidateAtOnce() {
        var evaluator = evaluator(messages -> isCandidate(messages) ? "Lamp" : "Lamp at 9.99");

        var evaluation = evaluator.evaluate(PRODUCTION, CANDIDATE, cases(3), List.of("no price"), SETTINGS,
                new CallBudget(100, 100_000));

        assertThat(evaluation.promoted()).isFalse();
        assertThat(evaluation.checkRegressions()).isEqualTo(1);
        assertThat(evaluation.cases()).isEqualTo(1);
        assertThat(evaluation.reason()).contains("failed a check production passed");
    }

    @Test
    void theJudgeIsAskedInBothOrdersAndMustPreferTheCandidateBothTimes() {
        var evaluator = evaluator(messages -> {
            if (isJudge(messages)) {
                String user = messages.get(1).content();
                return user.contains("<output name=\"A\">better") ? "{\"winner\": \"A\"}" : "{\"winner\": \"B\"}";
            }
            return isCandidate(messages) ? "better at 9.99" : "worse at 9.99";
        });

        var evaluation = evaluator.evaluate(PRODUCTION, CANDIDATE, cases(2), List.of("be better"), SETTINGS,
                new CallBudget(100, 100_000));

        assertThat(evaluation.wins()).isEqualTo(2);
        assertThat(evaluation.promoted()).isTrue();
        assertThat(calls.stream().filter(EvaluatorTest::isJudge).count()).isEqualTo(4);
    }

    @Test
    void aJudgeThatAlwaysPicksTheFirstPositionProducesTiesAndNoPromotion() {
        var evaluator = evaluator(messages -> isJudge(messages) ? "{\"winner\": \"A\"}" : "same at 9.99");

        var evaluation = evaluator.evaluate(PRODUCTION, CANDIDATE, cases(4), List.of("x"), SETTINGS,
                new CallBudget(100, 100_000));

        assertThat(evaluation.ties()).isEqualTo(4);
        assertThat(evaluation.promoted()).isFalse();
    }

    @Test
    void anUnreadableJudgeAnswerCountsAsALossAndIsCounted() {
        var evaluator = evaluator(messages -> isJudge(messages) ? "I prefer neither, really." : "same at 9.99");

        var evaluation = evaluator.evaluate(PRODUCTION, CANDIDATE, cases(2), List.of("x"), SETTINGS,
                new CallBudget(100, 100_000));

        assertThat(evaluation.losses()).isEqualTo(2);
        assertThat(evaluation.promoted()).isFalse();
        assertThat(evaluation.unreadableVerdicts()).as("two cases, both orders").isEqualTo(4);
    }

    @Test
    void aVerdictInAFenceOrWithProseAroundItIsRead() {
        var evaluator = evaluator(messages -> isJudge(messages)
                ? "Both are fine, but {see below}:\n```json\n{\"winner\": \"tie\"}\n```" : "same at 9.99");

        var evaluation = evaluator.evaluate(PRODUCTION, CANDIDATE, cases(1), List.of("x"), SETTINGS,
                new CallBudget(100, 100_000));

        assertThat(evaluation.ties()).isEqualTo(1);
        assertThat(evaluation.unreadableVerdicts()).isZero();
    }

    @Test
    void storedProductionOutputsSaveModelCalls() {
        var evaluator = evaluator(messages -> "Lamp at 9.99");
        var cases = List.of(EvaluationCase.learning("r1", Map.of("name", "Lamp", "price", "9.99"), Optional.of("Lamp")));

        var evaluation = evaluator.evaluate(PRODUCTION, CANDIDATE, cases, List.of(), SETTINGS,
                new CallBudget(100, 100_000));

        assertThat(evaluation.modelCalls()).isEqualTo(1);
        assertThat(evaluation.wins()).isEqualTo(1);
    }

    @Test
    void theBudgetStopsTheEvaluation() {
        var evaluator = evaluator(messages -> "Lamp at 9.99");

        assertThatThrownBy(() -> evaluator.evaluate(PRODUCTION, CANDIDATE, cases(5), List.of(), SETTINGS,
                new CallBudget(3, 100_000))).isInstanceOf(BudgetExhaustedException.class);
        assertThat(calls).hasSize(3);
    }

    @Test
    void anEarlierCaseTheJudgeFindsWorseRejectsACandidateThatWinsEveryCaseLearnedFrom() {
        // given a candidate that wins the cases learned from on the check, and reads worse on an earlier case
        var evaluator = evaluator(messages -> {
            if (isJudge(messages)) {
                String user = messages.get(1).content();
                return user.contains("<output name=\"A\">kept") ? "{\"winner\": \"A\"}" : "{\"winner\": \"B\"}";
            }
            if (messages.get(1).content().contains("Old")) {
                return isCandidate(messages) ? "lost at 9.99" : "kept at 9.99";
            }
            return isCandidate(messages) ? "Lamp at 9.99" : "Lamp";
        });
        List<EvaluationCase> cases = new ArrayList<>(cases(3));
        cases.add(EvaluationCase.earlier("f-0000000000000001", Map.of("name", "Old Lamp", "price", "9.99"),
                Optional.empty(), List.of(), List.of("the tagline was dropped")));

        // when it is evaluated
        var evaluation = evaluator.evaluate(PRODUCTION, CANDIDATE, cases, List.of("no price"), SETTINGS,
                new CallBudget(100, 100_000));

        // then the earlier loss rejects it, and the judge read that case's own critique
        assertThat(evaluation.wins()).isEqualTo(3);
        assertThat(evaluation.earlierCases()).isEqualTo(1);
        assertThat(evaluation.earlierLosses()).isEqualTo(1);
        assertThat(evaluation.promoted()).isFalse();
        assertThat(evaluation.reason()).contains("lost earlier case f-0000000000000001");
        assertThat(calls.stream().filter(EvaluatorTest::isJudge).map(m -> m.get(1).content()))
                .allMatch(text -> text.contains("the tagline was dropped"));
    }

    @Test
    void theMarginIsCountedOnTheCasesLearnedFromAndTiesOnEarlierCasesAreFine() {
        // given two cases learned from, which the candidate wins, and three earlier ones it ties
        var evaluator = evaluator(messages -> {
            if (isJudge(messages)) {
                return "{\"winner\": \"tie\"}";
            }
            return messages.get(1).content().contains("Old") || isCandidate(messages) ? "Lamp at 9.99" : "Lamp";
        });
        List<EvaluationCase> cases = new ArrayList<>(cases(2));
        for (int i = 0; i < 3; i++) {
            cases.add(EvaluationCase.earlier("k-" + i, Map.of("name", "Old Lamp " + i, "price", "9.99"),
                    Optional.empty(), List.of(), List.of()));
        }
        var strict = new RefinementSettings.EvaluationSettings(8, 1.0, 1);

        // when the margin asks for a lead on every case
        var evaluation = evaluator.evaluate(PRODUCTION, CANDIDATE, cases, List.of("no price"), strict,
                new CallBudget(100, 100_000));

        // then a lead of two over the two cases learned from is enough, though it is two of five cases
        assertThat(evaluation.promoted()).as(evaluation.reason()).isTrue();
        assertThat(evaluation.ties()).isEqualTo(3);
        assertThat(evaluation.reason()).contains("needed a lead of 2 on the 2 cases learned from, had 2");
    }

    @Test
    void anOwnersCaseRunsItsOwnChecksOnBothOutputs() {
        // given an owner's case that wants the word "Oslo", which production writes and the candidate does not
        var evaluator = evaluator(messages -> isCandidate(messages) ? "Lamp at 9.99" : "Lamp at 9.99 from Oslo");
        var owners = EvaluationCase.earlier("o-0000000000000001", Map.of("name", "Lamp", "price", "9.99"),
                Optional.empty(), List.of(new OutputCheck.Contains("Oslo", false)), List.of());

        // when the candidate is evaluated on it
        var evaluation = evaluator.evaluate(PRODUCTION, CANDIDATE, List.of(owners), List.of(), SETTINGS,
                new CallBudget(100, 100_000));

        // then it regressed on that case's check
        assertThat(evaluation.checkRegressions()).isEqualTo(1);
        assertThat(evaluation.earlierLosses()).isEqualTo(1);
        assertThat(evaluation.promoted()).isFalse();
        assertThat(evaluation.reason()).contains("on earlier case o-0000000000000001");
    }

    @Test
    void onEarlierCasesOneOrderPreferringProductionIsATieNotALoss() {
        // given a judge that prefers production when it comes first and calls it a tie the other way round
        var evaluator = evaluator(messages -> {
            if (isJudge(messages)) {
                return messages.get(1).content().contains("<output name=\"A\">old") ? "{\"winner\": \"A\"}"
                        : "{\"winner\": \"tie\"}";
            }
            return isCandidate(messages) ? "new at 9.99" : "old at 9.99";
        });
        var earlier = EvaluationCase.earlier("k-1", Map.of("name", "Lamp", "price", "9.99"), Optional.empty(),
                List.of(), List.of());

        // when the candidate is evaluated on that earlier case alone
        var evaluation = evaluator.evaluate(PRODUCTION, CANDIDATE, List.of(earlier), List.of(), SETTINGS,
                new CallBudget(100, 100_000));

        // then it is a tie: one noisy order does not lose an earlier case
        assertThat(evaluation.ties()).isEqualTo(1);
        assertThat(evaluation.earlierLosses()).isZero();
    }

    @Test
    void aStoredCaseWithoutAVariableTheTemplateNowUsesIsSkippedNotAFailure() {
        // given a case stored before the template gained {{price}}
        var evaluator = evaluator(messages -> "Lamp at 9.99");
        var old = EvaluationCase.earlier("o-1", Map.of("name", "Lamp"), Optional.empty(), List.of(), List.of());

        // when a candidate is evaluated on it
        var evaluation = evaluator.evaluate(PRODUCTION, CANDIDATE, List.of(old), List.of(), SETTINGS,
                new CallBudget(100, 100_000));

        // then nothing was sent to the model and the verdict says why
        assertThat(calls).isEmpty();
        assertThat(evaluation.promoted()).isFalse();
        assertThat(evaluation.reason()).contains("none of the 1 evaluation cases has every variable");
    }

    @Test
    void noCasesMeansNoPromotion() {
        var evaluation = evaluator(messages -> "x").evaluate(PRODUCTION, CANDIDATE, List.of(), List.of(), SETTINGS,
                new CallBudget(100, 100_000));

        assertThat(evaluation.promoted()).isFalse();
        assertThat(evaluation.reason()).contains("no evaluation cases");
    }

    private Evaluator evaluator(Function<List<Message>, String> answers) {
        ChatModel model = new ChatModel() {
            @Override
            public ModelReply complete(ModelPurpose purpose, List<Message> messages, ModelSettings settings) {
                calls.add(messages);
                return new ModelReply(answers.apply(messages), "scripted", new Usage(10, 5));
            }

            @Override
            public String defaultModelName() {
                return "scripted";
            }
        };
        return new Evaluator(model, ModelSettings.DEFAULTS, new ModelAnswerJson());
    }

    private static List<EvaluationCase> cases(int count) {
        List<EvaluationCase> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cases.add(EvaluationCase.learning("r" + i, Map.of("name", "Lamp " + i, "price", "9.99"), Optional.empty()));
        }
        return cases;
    }

    private static boolean isJudge(List<Message> messages) {
        return messages.get(0).content().startsWith(JudgePrompt.MARKER);
    }

    private static boolean isCandidate(List<Message> messages) {
        return messages.get(0).content().contains("Always state the price.");
    }
}
