package dev.promptloop.refinement;

import dev.promptloop.feedback.FeedbackInput;
import dev.promptloop.feedback.Thumb;
import dev.promptloop.prompt.ChangeAuthor;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.HumanVersions;
import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptSettings;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.prompt.RuleChoice;
import dev.promptloop.prompt.VersionDraft;
import dev.promptloop.render.ModelPurpose;
import dev.promptloop.render.ModelUnavailableException;
import dev.promptloop.render.RenderRequest;
import dev.promptloop.support.memory.InMemoryCore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The evaluation gate of hand-written versions when no verdict can be had, on the core's ports in memory. */
class GateStepTest {

    final InMemoryCore core = new InMemoryCore();

    @BeforeEach
    void aPromptWithCritiquedRendersAndAVersionWaitingForItsGate() {
        core.create("copy", RefinementSettings.DEFAULTS, List.of());
        core.model.answering(ModelPurpose.RENDER, "Aurora").answering(ModelPurpose.JUDGE, "{\"winner\": \"A\"}")
                .answering(ModelPurpose.OPTIMIZE, "{\"rules\": []}");
        var render = core.renderer.render(new RenderRequest("copy", Map.of("name", "Aurora", "price", "$49.99"),
                Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty()));
        for (int i = 0; i < 3; i++) {
            core.recorder.record(new FeedbackInput(render.renderId(), Optional.empty(), Optional.of(Thumb.DOWN),
                    Optional.of("The price is missing"), List.of(), Optional.empty()));
        }
        new HumanVersions(core.catalog, core.prompts, core.clock).write("copy", new VersionDraft(Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(List.of("State the price.")), RuleChoice.KEEP,
                VersionDraft.Placement.EVALUATED, Optional.empty()), ChangeAuthor.of(InMemoryCore.OWNER));
    }

    @Test
    void aGateTheStreamGaveUpOnIsAbandonedWithoutAModelCall() {
        // given the gate's stream record is older than the stream keeps it
        core.clock.advance(PromptHead.GATE_LIFETIME.plus(Duration.ofMinutes(1)));

        // when a later record of the prompt starts a refinement round
        core.refine("copy");

        // then the gate ends without a verdict, no label moved, and nothing was asked of the model
        var head = core.prompts.head("copy").orElseThrow();
        assertThat(head.gate()).isEmpty();
        assertThat(head.labels()).isEqualTo(Map.of(Labels.PRODUCTION, 1));
        assertThat(core.prompts.history("copy")).last().satisfies(event -> {
            assertThat(event.kind()).isEqualTo(HistoryKind.GATE_ABANDONED);
            assertThat(event.reason()).contains("not decided within 60 minutes");
        });
        assertThat(core.model.calls(ModelPurpose.JUDGE)).isEmpty();
        assertThat(core.model.calls(ModelPurpose.RENDER)).as("the render of the setup only").hasSize(1);
    }

    @Test
    void aModelThatMayAnswerOnARetryLeavesTheGatePendingAndRefinementWaitsForIt() {
        // given the model is rate limited
        core.model.answering(ModelPurpose.RENDER, messages -> {
            throw new ModelUnavailableException.Transient("rate limited", null);
        });

        // when a round runs, it fails so that Lambda retries the record, and the gate is still pending
        assertThatThrownBy(() -> core.refine("copy")).isInstanceOf(ModelUnavailableException.Transient.class);
        var head = core.prompts.head("copy").orElseThrow();
        assertThat(head.gate()).hasValueSatisfying(gate -> assertThat(gate.version()).isEqualTo(2));

        // and the refinement check of that head waits for the verdict instead of learning from the critiques
        var outcome = core.refiner.refine(head);
        assertThat(outcome.status()).isEqualTo(RefinementOutcome.Status.GATE_PENDING);
        assertThat(core.model.calls(ModelPurpose.OPTIMIZE)).isEmpty();
    }

    @Test
    void aModelThatFailsForGoodAbandonsTheGateAndCountsWhatWasSpent() {
        // given the model refuses every render
        core.model.answering(ModelPurpose.RENDER, messages -> {
            throw new ModelUnavailableException("refused", null);
        });

        // when a round runs
        core.refine("copy");

        // then the gate is abandoned, and the attempted call counts into the day's budget
        var head = core.prompts.head("copy").orElseThrow();
        assertThat(head.gate()).isEmpty();
        assertThat(core.prompts.history("copy")).last().satisfies(event ->
                assertThat(event.reason()).contains("the model failed: refused"));
        assertThat(head.labels()).isEqualTo(Map.of(Labels.PRODUCTION, 1));
    }

    @Test
    void theGateOfAPromptArchivedMeanwhileIsAbandoned() {
        // given the owner archived the prompt while its version waited
        var head = core.prompts.head("copy").orElseThrow();
        var settings = head.settings();
        core.catalog.changeSettings(head, new PromptSettings(settings.refinement(), settings.description(),
                settings.tags(), true), ChangeAuthor.of(InMemoryCore.OWNER));

        // when a round runs
        core.refine("copy");

        // then nothing is evaluated and production stays
        var after = core.prompts.head("copy").orElseThrow();
        assertThat(after.gate()).isEmpty();
        assertThat(after.labels()).isEqualTo(Map.of(Labels.PRODUCTION, 1));
        assertThat(core.prompts.history("copy")).last().satisfies(event ->
                assertThat(event.reason()).endsWith("the prompt is archived"));
        assertThat(core.model.calls(ModelPurpose.JUDGE)).isEmpty();
    }

    @Test
    void aGateWhoseProductionMovedWhileItWaitedIsAbandonedWithoutAModelCall() {
        // given production moved back and forth to another version while the gate waited
        var head = core.prompts.head("copy").orElseThrow();
        core.catalog.moveLabel("copy", new dev.promptloop.prompt.LabelMove(Labels.PRODUCTION, 2, Optional.empty()),
                ChangeAuthor.of(InMemoryCore.OWNER));

        // when a round runs
        core.refine("copy");

        // then the gate ends: it was judged against a production that is not production any more
        var after = core.prompts.head("copy").orElseThrow();
        assertThat(head.gate()).isPresent();
        assertThat(after.gate()).isEmpty();
        assertThat(core.prompts.history("copy")).filteredOn(e -> e.kind() == HistoryKind.GATE_ABANDONED)
                .singleElement().satisfies(e -> assertThat(e.reason()).contains("production moved from version 1 to 2"));
        assertThat(core.model.calls(ModelPurpose.JUDGE)).isEmpty();
    }

    @Test
    void aGatePastItsLifetimeNoLongerHoldsBackTheNextHandWrittenVersion() {
        // given the gate outlived the stream's record of it
        core.clock.advance(PromptHead.GATE_LIFETIME.plus(Duration.ofMinutes(1)));

        // when the owner writes another candidate
        var written = new HumanVersions(core.catalog, core.prompts, core.clock).write("copy", new VersionDraft(
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), RuleChoice.KEEP,
                VersionDraft.Placement.CANDIDATE, Optional.empty()), ChangeAuthor.of(InMemoryCore.OWNER));

        // then it is version 3 on the candidate label, and the stale gate ended
        assertThat(written.view().version().version()).isEqualTo(3);
        assertThat(core.prompts.head("copy").orElseThrow().gate()).isEmpty();
    }
}
