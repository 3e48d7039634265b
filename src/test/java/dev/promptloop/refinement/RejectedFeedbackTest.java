package dev.promptloop.refinement;

import dev.promptloop.core.PageRequest;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackEntry;
import dev.promptloop.feedback.FeedbackInput;
import dev.promptloop.feedback.FeedbackQuery;
import dev.promptloop.feedback.Thumb;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.Promotion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.render.ModelPurpose;
import dev.promptloop.render.RenderRequest;
import dev.promptloop.support.memory.InMemoryCore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rejected does not mean forgotten: the critiques of a version the gate rejected stay pending for another try, in
 * which the optimizer sees what was tried and why it failed; after {@link Feedback#MAX_ATTEMPTS} rejections they are
 * parked as unresolved, shown so and recorded in the history.
 */
class RejectedFeedbackTest {

    static final String PRICE_RULE = "{\"rules\": [{\"rule\": \"Always state the price exactly as given.\","
            + " \"critiques\": [\"c1\", \"c2\", \"c3\"]}]}";

    final InMemoryCore core = new InMemoryCore();
    List<String> critiques;

    @BeforeEach
    void aPromptWhoseCandidatesTheJudgeCannotTellApart() {
        var defaults = RefinementSettings.DEFAULTS;
        core.create("copy", new RefinementSettings(3, Promotion.EVALUATED, 3, 1.0, defaults.evaluation(),
                defaults.budget(), defaults.canary(), RefinementSettings.DEFAULT_RULE_TOKENS), List.of());
        core.model.answering(ModelPurpose.RENDER, "Aurora").answering(ModelPurpose.OPTIMIZE, PRICE_RULE)
                .answering(ModelPurpose.JUDGE, "{\"winner\": \"tie\"}");
        var render = core.renderer.render(new RenderRequest("copy", Map.of("name", "Aurora", "price", "$49.99"),
                Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty()));
        critiques = java.util.stream.IntStream.range(0, 3).mapToObj(i -> core.recorder.record(new FeedbackInput(
                render.renderId(), Optional.empty(), Optional.of(Thumb.DOWN), Optional.of("The price is missing"),
                List.of(), Optional.empty())).feedbackId()).toList();
    }

    @Test
    void aRejectedRefinementLeavesItsCritiquesPendingAndTheNextTryIsToldWhatFailed() {
        // when a refinement is rejected, and another round runs
        var first = core.refine("copy");
        var pendingAfterwards = core.feedback.pendingNegative("copy", 1, 10);
        var second = core.refine("copy");

        // then the first consumed nothing: its critiques remember version 2 and were offered again
        assertThat(first.status()).isEqualTo(RefinementOutcome.Status.REJECTED);
        assertThat(pendingAfterwards).extracting(Feedback::feedbackId).containsExactlyElementsOf(critiques);
        assertThat(pendingAfterwards).allSatisfy(f -> assertThat(f.triedBy()).containsExactly(2));
        assertThat(second.status()).isEqualTo(RefinementOutcome.Status.REJECTED);
        String secondRequest = core.model.calls(ModelPurpose.OPTIMIZE).get(1).messages().get(1).content();
        assertThat(secondRequest).contains("<attempt version=\"2\">rules tried: Always state the price exactly as "
                + "given.; the gate said: rejected:");
    }

    @Test
    void afterThreeRejectionsTheCritiquesAreParkedAsUnresolvedAndSaySo() {
        // when three refinements in a row are rejected
        core.refine("copy");
        core.refine("copy");
        var third = core.refine("copy");
        var fourth = core.refine("copy");

        // then the third parked the critiques: no longer pending, listed as unresolved, and the history says so
        assertThat(third.unresolved()).isEqualTo(3);
        assertThat(core.feedback.pendingNegative("copy", 1, 10)).isEmpty();
        var unresolved = core.feedback.review("copy", new FeedbackQuery(FeedbackQuery.Status.UNRESOLVED,
                Optional.empty(), PageRequest.first(10))).items();
        assertThat(unresolved).extracting(entry -> entry.feedback().feedbackId())
                .containsExactlyInAnyOrderElementsOf(critiques);
        assertThat(unresolved).allSatisfy(entry -> {
            assertThat(entry.state()).isEqualTo("unresolved");
            assertThat(entry.unresolvedBy()).contains(4);
            assertThat(entry.feedback().triedBy()).containsExactly(2, 3, 4);
        });
        assertThat(core.prompts.history("copy")).extracting(HistoryEntry::kind).contains(HistoryKind.FEEDBACK_UNRESOLVED);
        assertThat(fourth.status()).as("nothing left to learn from").isEqualTo(RefinementOutcome.Status.BELOW_THRESHOLD);
    }
}
