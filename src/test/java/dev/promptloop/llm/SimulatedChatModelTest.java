package dev.promptloop.llm;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.PromptTemplate;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.refinement.OptimizerPrompt;
import dev.promptloop.refinement.RuleProposals;
import dev.promptloop.render.Message;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SimulatedChatModelTest {

    private static final String USER = "Aurora Lamp costs $49.99, colour #FF5733, logo https://cdn.example.com/a.png";
    private final SimulatedChatModel model = new SimulatedChatModel();

    @Test
    void forgetsPriceColourAndLogoWhenNoRuleAsksForThem() {
        var reply = model.complete(List.of(new Message(Message.Role.USER, USER)), ModelSettings.DEFAULTS);

        assertThat(reply.text()).contains("Aurora Lamp").doesNotContain("49.99", "#FF5733", "https://").contains("🖼️");
        assertThat(reply.model()).isEqualTo(SimulatedChatModel.NAME);
    }

    @Test
    void keepsWhatTheSystemMessageAsksFor() {
        var reply = model.complete(List.of(new Message(Message.Role.SYSTEM, "- Always state the price."),
                new Message(Message.Role.USER, USER)), ModelSettings.DEFAULTS);

        assertThat(reply.text()).contains("$49.99").doesNotContain("#FF5733");
    }

    @Test
    void asOptimizerTurnsCritiquesAboutKnownFactsIntoCitedRules() {
        var version = new PromptVersion("p", 1, PromptTemplate.parse(null, "{{x}}"), ModelSettings.DEFAULTS,
                List.of(), Instant.EPOCH, "created", null);
        var critiques = List.of(feedback("f1", "the price is missing"), feedback("f2", "too long"),
                feedback("f3", "logo replaced by an emoji"));

        var reply = model.complete(OptimizerPrompt.messages(version, critiques, 3), ModelSettings.DEFAULTS);
        var rules = RuleProposals.parse(reply.text(), List.of("f1", "f2", "f3"), List.of(), 3);

        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).feedbackIds()).containsExactly("f1");
        assertThat(rules.get(1).feedbackIds()).containsExactly("f3");
    }

    private static Feedback feedback(String id, String critique) {
        return new Feedback(id, "p", 1, "r", Optional.empty(), Optional.empty(), Optional.of(critique), List.of(), true,
                Instant.EPOCH);
    }
}
