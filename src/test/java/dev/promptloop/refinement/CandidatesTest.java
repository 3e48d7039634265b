package dev.promptloop.refinement;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptloop.api.ProblemException;
import dev.promptloop.api.RefinementSettingsJson;
import dev.promptloop.feedback.FeedbackInput;
import dev.promptloop.feedback.Thumb;
import dev.promptloop.prompt.Promotion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.render.Message;
import dev.promptloop.render.ModelPurpose;
import dev.promptloop.render.RenderRequest;
import dev.promptloop.support.memory.InMemoryCore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A refinement that may try several candidates promotes the best one the gate lets through. */
class CandidatesTest {

    static final String SHORT = "{\"rules\": [{\"rule\": \"Keep the copy short.\", \"critiques\": [\"c1\"]}]}";
    static final String PRICE = "{\"rules\": [{\"rule\": \"Always state the price exactly as given.\","
            + " \"critiques\": [\"c1\"]}]}";

    final InMemoryCore core = new InMemoryCore();

    @Test
    void theSecondCandidateIsToldAboutTheFirstAndTheOneTheGateLetsThroughIsPromoted() {
        // given two candidates allowed, an optimizer that first proposes a rule that changes nothing, and a judge
        // that prefers the output with the price
        var defaults = RefinementSettings.DEFAULTS;
        core.create("copy", new RefinementSettings(3, Promotion.EVALUATED, 3, 1.0,
                new RefinementSettings.EvaluationSettings(8, 0.1, 2), defaults.budget(), defaults.canary(),
                RefinementSettings.DEFAULT_RULE_TOKENS), List.of());
        core.model.answering(ModelPurpose.RENDER, messages -> messages.get(0).content().contains("price")
                        ? "Aurora for $49.99" : "Aurora")
                .answering(ModelPurpose.OPTIMIZE, messages -> user(messages).contains("<attempt") ? PRICE : SHORT)
                .answering(ModelPurpose.JUDGE, messages -> {
                    String user = user(messages);
                    int a = user.indexOf("<output name=\"A\">Aurora for");
                    int b = user.indexOf("<output name=\"B\">Aurora for");
                    return a >= 0 ? "{\"winner\": \"A\"}" : b >= 0 ? "{\"winner\": \"B\"}" : "{\"winner\": \"tie\"}";
                });
        critique(3);

        // when the prompt is refined
        var outcome = core.refine("copy");

        // then the optimizer was asked twice, the second time with the first candidate shown, and the price rule won
        assertThat(outcome.status()).isEqualTo(RefinementOutcome.Status.REFINED);
        var optimizer = core.model.calls(ModelPurpose.OPTIMIZE);
        assertThat(optimizer).hasSize(2);
        assertThat(user(optimizer.get(1).messages())).contains("<attempt version=\"2\">rules tried: Keep the copy short.");
        var v2 = core.prompts.version("copy", 2).orElseThrow();
        assertThat(v2.rules()).extracting(rule -> rule.text()).containsExactly("Always state the price exactly as given.");
        assertThat(core.prompts.head("copy").orElseThrow().production()).isEqualTo(2);
        assertThat(outcome.detail()).contains("(the best of 2 candidates)");
    }

    @Test
    void aFirstCandidateThatPassesIsKeptOverASecondThatDoesNot() {
        // given two candidates allowed, an optimizer that first proposes the price rule and then one that changes
        // nothing, and a judge that prefers the output with the price
        var defaults = RefinementSettings.DEFAULTS;
        core.create("copy", new RefinementSettings(3, Promotion.EVALUATED, 3, 1.0,
                new RefinementSettings.EvaluationSettings(8, 0.1, 2), defaults.budget(), defaults.canary(),
                RefinementSettings.DEFAULT_RULE_TOKENS), List.of());
        core.model.answering(ModelPurpose.RENDER, messages -> messages.get(0).content().contains("price")
                        ? "Aurora for $49.99" : "Aurora")
                .answering(ModelPurpose.OPTIMIZE, messages -> user(messages).contains("<attempt") ? SHORT : PRICE)
                .answering(ModelPurpose.JUDGE, messages -> {
                    String user = user(messages);
                    int a = user.indexOf("<output name=\"A\">Aurora for");
                    int b = user.indexOf("<output name=\"B\">Aurora for");
                    return a >= 0 ? "{\"winner\": \"A\"}" : b >= 0 ? "{\"winner\": \"B\"}" : "{\"winner\": \"tie\"}";
                });
        critique(3);

        // when the prompt is refined
        var outcome = core.refine("copy");

        // then both were evaluated, and the first, the one the gate let through, is the version written
        assertThat(outcome.status()).isEqualTo(RefinementOutcome.Status.REFINED);
        assertThat(core.model.calls(ModelPurpose.OPTIMIZE)).hasSize(2);
        assertThat(core.prompts.version("copy", 2).orElseThrow().rules()).extracting(rule -> rule.text())
                .containsExactly("Always state the price exactly as given.");
        assertThat(outcome.detail()).contains("(the best of 2 candidates)");
    }

    @Test
    void aBudgetThatRunsOutDuringTheSecondCandidateStillPublishesTheFirst() {
        // given three candidates allowed, but calls enough for one candidate and the second's optimizer call only
        var defaults = RefinementSettings.DEFAULTS;
        core.create("copy", new RefinementSettings(3, Promotion.EVALUATED, 3, 1.0,
                new RefinementSettings.EvaluationSettings(8, 0.1, 3), new RefinementSettings.BudgetSettings(5, 100_000),
                defaults.canary(), RefinementSettings.DEFAULT_RULE_TOKENS), List.of());
        core.model.answering(ModelPurpose.RENDER, "Aurora").answering(ModelPurpose.OPTIMIZE, SHORT)
                .answering(ModelPurpose.JUDGE, "{\"winner\": \"tie\"}");
        critique(3);

        // when the prompt is refined
        var outcome = core.refine("copy");

        // then the first candidate, evaluated in full, is the version written (rejected by the gate)
        assertThat(outcome.status()).isEqualTo(RefinementOutcome.Status.REJECTED);
        assertThat(core.model.calls(ModelPurpose.OPTIMIZE)).hasSize(2);
        assertThat(core.prompts.version("copy", 2).orElseThrow().rules()).extracting(rule -> rule.text())
                .containsExactly("Keep the copy short.");
        assertThat(core.prompts.head("copy").orElseThrow().usage().modelCalls()).isEqualTo(5);
    }

    @Test
    void moreThanThreeCandidatesAreRefused() {
        var settings = new ObjectMapper().createObjectNode();
        settings.putObject("evaluation").put("candidates", 4);

        assertThatThrownBy(() -> RefinementSettingsJson.read(settings)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("refinement.evaluation.candidates must be an integer from 1 to 3");
    }

    private void critique(int count) {
        var render = core.renderer.render(new RenderRequest("copy", Map.of("name", "Aurora", "price", "$49.99"),
                Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty()));
        for (int i = 0; i < count; i++) {
            core.recorder.record(new FeedbackInput(render.renderId(), Optional.empty(), Optional.of(Thumb.DOWN),
                    Optional.of("The price is missing"), List.of(), Optional.empty()));
        }
    }

    private static String user(List<Message> messages) {
        return messages.get(1).content();
    }
}
