package dev.promptloop.refinement;

import dev.promptloop.feedback.FeedbackInput;
import dev.promptloop.feedback.Thumb;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.NewPrompt;
import dev.promptloop.prompt.Promotion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.prompt.VersionStatus;
import dev.promptloop.render.ModelPurpose;
import dev.promptloop.render.RenderRequest;
import dev.promptloop.support.memory.InMemoryCore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Canaries and watches decided from people's feedback, on the core's ports in memory. */
class TrialStepTest {

    final InMemoryCore core = new InMemoryCore();

    @Test
    void aCanaryPeoplePreferBecomesProductionAndIsWatched() {
        // given a canary of version 2
        startCanary();

        // when people like version 2 and dislike version 1
        feedback(2, Thumb.UP, 15);
        feedback(1, Thumb.DOWN, 15);
        var head = core.trials.advance("copy").orElseThrow();

        // then
        assertThat(head.production()).isEqualTo(2);
        assertThat(head.labels()).doesNotContainKey(Labels.CANDIDATE);
        assertThat(head.canary()).isEmpty();
        assertThat(head.watch()).hasValueSatisfying(w -> assertThat(w.baseline()).isEqualTo(1));
        assertThat(lastKind()).isEqualTo(HistoryKind.CANARY_PROMOTED);
    }

    @Test
    void aCanaryPeopleDislikeIsRolledBackUnderTheRejectedLabel() {
        startCanary();

        feedback(2, Thumb.DOWN, 15);
        feedback(1, Thumb.UP, 15);
        var head = core.trials.advance("copy").orElseThrow();

        assertThat(head.production()).isEqualTo(1);
        assertThat(head.labels()).containsEntry(Labels.REJECTED, 2).doesNotContainKey(Labels.CANDIDATE);
        assertThat(head.canary()).isEmpty();
        assertThat(lastKind()).isEqualTo(HistoryKind.CANARY_ROLLED_BACK);
        assertThat(core.catalog.version("copy", 2).status()).isEqualTo(VersionStatus.ROLLED_BACK);
    }

    @Test
    void aWatchedProductionThatDoesWorseIsRolledBackOnItsOwn() {
        core.catalog.create(promptWith(Promotion.AUTO), InMemoryCore.OWNER);
        core.model.answering(ModelPurpose.RENDER, "Aurora").answering(ModelPurpose.OPTIMIZE,
                "{\"rules\": [{\"rule\": \"State the price.\", \"critiques\": [\"c1\"]}]}");
        feedback(1, Thumb.DOWN, 3);
        core.refine("copy");
        assertThat(core.prompts.head("copy").orElseThrow().watch()).isPresent();

        feedback(2, Thumb.DOWN, 12);
        feedback(1, Thumb.UP, 12);
        var head = core.trials.advance("copy").orElseThrow();

        assertThat(head.production()).isEqualTo(1);
        assertThat(head.watch()).isEmpty();
        assertThat(lastKind()).isEqualTo(HistoryKind.AUTO_ROLLED_BACK);
    }

    @Test
    void aDecisionThatLosesARaceLeavesThePromptAsTheOtherWriterLeftIt() {
        startCanary();
        feedback(2, Thumb.UP, 15);
        feedback(1, Thumb.DOWN, 15);
        core.prompts.failNextUpdate = true;

        var head = core.trials.advance("copy").orElseThrow();

        assertThat(head.canary()).as("the head as read again, the canary still running").isPresent();
        assertThat(head.production()).isEqualTo(1);
    }

    @Test
    void anUnknownPromptHasNoHead() {
        assertThat(core.trials.advance("nobody")).isEmpty();
    }

    private void startCanary() {
        core.catalog.create(promptWith(Promotion.CANARY), InMemoryCore.OWNER);
        core.model.answering(ModelPurpose.RENDER, m -> m.toString().contains("price") ? "Aurora $49.99" : "Aurora")
                .answering(ModelPurpose.OPTIMIZE, "{\"rules\": [{\"rule\": \"State the price.\", \"critiques\": "
                        + "[\"c1\"]}]}")
                .answering(ModelPurpose.JUDGE, m -> m.get(1).content().matches("(?s).*name=\"A\">[^<]*\\$.*")
                        ? "{\"winner\": \"A\"}" : "{\"winner\": \"B\"}");
        feedback(1, Thumb.DOWN, 3);
        assertThat(core.refine("copy").status()).isEqualTo(RefinementOutcome.Status.REFINED);
        assertThat(core.prompts.head("copy").orElseThrow().canary()).isPresent();
    }

    private void feedback(int version, Thumb thumb, int count) {
        for (int i = 0; i < count; i++) {
            var render = core.renderer.render(new RenderRequest("copy", Map.of("name", "n" + i, "price", "$1.00"),
                    Optional.empty(), Optional.of(version), false, Optional.empty(), Optional.empty()));
            core.recorder.record(new FeedbackInput(render.renderId(), Optional.empty(), Optional.of(thumb),
                    thumb == Thumb.DOWN ? Optional.of("The price is missing") : Optional.empty(), List.of(),
                    Optional.empty()));
        }
    }

    private HistoryKind lastKind() {
        var history = core.prompts.history("copy");
        return history.get(history.size() - 1).kind();
    }

    private static NewPrompt promptWith(Promotion promotion) {
        var defaults = RefinementSettings.DEFAULTS;
        return NewPrompt.of("copy", null, InMemoryCore.USER_TEMPLATE, ModelSettings.DEFAULTS, List.of(), List.of(),
                new RefinementSettings(3, promotion, 3, 1.0, defaults.evaluation(), defaults.budget(),
                        defaults.canary(), RefinementSettings.DEFAULT_RULE_TOKENS));
    }
}
