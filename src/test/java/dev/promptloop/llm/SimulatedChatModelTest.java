package dev.promptloop.llm;

import dev.promptloop.evaluation.JudgePrompt;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.refinement.OptimizerPrompt;
import dev.promptloop.refinement.RuleProposals;
import dev.promptloop.render.JsonReader;
import dev.promptloop.render.Message;
import dev.promptloop.render.ModelPurpose;
import dev.promptloop.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedChatModelTest {

    static final int BUDGET = RefinementSettings.DEFAULT_RULE_TOKENS;

    private static final JsonReader ANSWERS = new ModelAnswerJson();

    private static final String USER = "Aurora Lamp costs $49.99, colour #FF5733, logo https://cdn.example.com/a.png";
    private final SimulatedChatModel model = new SimulatedChatModel();

    @Test
    void forgetsPriceColourAndLogoWhenNoRuleAsksForThem() {
        var reply = model.complete(ModelPurpose.RENDER, List.of(new Message(Message.Role.USER, USER)), ModelSettings.DEFAULTS);

        assertThat(reply.text()).contains("Aurora Lamp").doesNotContain("49.99", "#FF5733", "https://").contains("🖼️");
        assertThat(reply.model()).isEqualTo(SimulatedChatModel.NAME);
    }

    @Test
    void keepsWhatTheSystemMessageAsksFor() {
        var reply = model.complete(ModelPurpose.RENDER, List.of(new Message(Message.Role.SYSTEM, "- Always state the price."),
                new Message(Message.Role.USER, USER)), ModelSettings.DEFAULTS);

        assertThat(reply.text()).contains("$49.99").doesNotContain("#FF5733");
    }

    @Test
    void asJudgePrefersTheOutputThatKeepsWhatTheRubricAsksFor() {
        var withPrice = "Aurora Lamp for $49.99";
        var without = "Aurora Lamp";

        var first = model.complete(ModelPurpose.JUDGE, JudgePrompt.messages("row", List.of("the price is missing"), without, withPrice),
                ModelSettings.DEFAULTS);
        var second = model.complete(ModelPurpose.JUDGE, JudgePrompt.messages("row", List.of("the price is missing"), withPrice, without),
                ModelSettings.DEFAULTS);
        var same = model.complete(ModelPurpose.JUDGE, JudgePrompt.messages("row", List.of("too long"), withPrice, without),
                ModelSettings.DEFAULTS);

        assertThat(JudgePrompt.parse(first.text(), ANSWERS)).contains(JudgePrompt.Winner.B);
        assertThat(JudgePrompt.parse(second.text(), ANSWERS)).contains(JudgePrompt.Winner.A);
        assertThat(JudgePrompt.parse(same.text(), ANSWERS)).contains(JudgePrompt.Winner.TIE);
    }

    @Test
    void asOptimizerTurnsCritiquesAboutKnownFactsIntoCitedRules() {
        var version = Fixtures.version(null, "{{x}}");
        var critiques = List.of(Fixtures.critique("f1", "the price is missing"), Fixtures.critique("f2", "too long"),
                Fixtures.critique("f3", "logo replaced by an emoji"));

        var reply = model.complete(ModelPurpose.OPTIMIZE, OptimizerPrompt.messages(version, critiques, 3, List.of(), BUDGET), ModelSettings.DEFAULTS);
        var rules = RuleProposals.parse(reply.text(), ANSWERS, List.of("f1", "f2", "f3"), List.of(), List.of(), 3).rules();

        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).feedbackIds()).containsExactly("f1");
        assertThat(rules.get(1).feedbackIds()).containsExactly("f3");
    }

}
