package dev.promptloop.render;

import dev.promptloop.check.OutputCheck;
import dev.promptloop.core.InvalidInputException;
import dev.promptloop.core.NotFoundException;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.prompt.Trial;
import dev.promptloop.support.memory.InMemoryCore;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rendering on the core's ports in memory: which version serves, what is stored, what a failed check leaves. */
class RendererTest {

    static final Map<String, String> ROW = Map.of("name", "Aurora", "price", "$49.99");
    final InMemoryCore core = new InMemoryCore();

    @Test
    void aRenderOfProductionIsRunOnTheModelStoredAndChecked() {
        // given
        core.create("copy", RefinementSettings.DEFAULTS, List.of(new OutputCheck.ContainsVariable("price")));
        core.model.answering(ModelPurpose.RENDER, "Aurora, now available");

        // when
        var render = core.renderer.render(request(ROW, Optional.empty(), true, Optional.empty()));

        // then
        assertThat(render.version()).isEqualTo(1);
        assertThat(render.messages()).extracting(Message::content).containsExactly("Copy for Aurora at $49.99");
        assertThat(render.output()).contains("Aurora, now available");
        assertThat(render.checks()).singleElement().satisfies(c -> assertThat(c.passed()).isFalse());
        assertThat(core.renders.all()).containsExactly(render);
        assertThat(core.feedback.all()).singleElement().satisfies(f -> {
            assertThat(f.source()).isEqualTo(Feedback.Source.CHECK);
            assertThat(f.renderId()).isEqualTo(render.renderId());
            assertThat(f.negative()).isTrue();
            assertThat(f.critique()).hasValueSatisfying(c -> assertThat(c).contains("price"));
        });
    }

    @Test
    void aRenderThatIsNotExecutedCallsNoModelAndNamesTheDefaultModel() {
        core.create("copy", RefinementSettings.DEFAULTS, List.of());

        var render = core.renderer.render(request(ROW, Optional.empty(), false, Optional.empty()));

        assertThat(render.output()).isEmpty();
        assertThat(render.model()).isEqualTo("scripted");
        assertThat(core.model.calls(ModelPurpose.RENDER)).isEmpty();
    }

    @Test
    void missingAndUnknownVariablesAreInvalidInputAndNothingIsStored() {
        core.create("copy", RefinementSettings.DEFAULTS, List.of());

        assertThatThrownBy(() -> core.renderer.render(request(Map.of("name", "A"), Optional.empty(), false,
                Optional.empty()))).isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("missing-variables"));
        assertThatThrownBy(() -> core.renderer.render(request(Map.of("name", "A", "price", "1", "colour", "red"),
                Optional.empty(), false, Optional.empty()))).isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("unknown-variables"));
        assertThat(core.renders.all()).isEmpty();
    }

    @Test
    void anUnknownPromptVersionOrLabelIsNotFound() {
        core.create("copy", RefinementSettings.DEFAULTS, List.of());

        assertThatThrownBy(() -> core.renderer.render(new RenderRequest("nobody", ROW, Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty()))).isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo("prompt-not-found"));
        assertThatThrownBy(() -> core.renderer.render(request(ROW, Optional.of(2), false, Optional.empty())))
                .isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo("version-not-found"));
        assertThatThrownBy(() -> core.renderer.render(new RenderRequest("copy", ROW, Optional.of("staging"),
                Optional.empty(), false, Optional.empty(), Optional.empty()))).isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo("label-not-found"));
    }

    @Test
    void whileACanaryRunsEachKeyStaysOnOneSideAndAboutTheShareSeesTheCanary() {
        core.create("copy", RefinementSettings.DEFAULTS, List.of());
        var first = core.prompts.version("copy", 1).orElseThrow();
        core.prompts.givenVersion(new PromptVersion("copy", 2, first.template(), first.model(), List.of(), List.of(),
                List.of(), first.createdAt(), "refined", 1, Optional.empty()));
        var now = core.clock.instant();
        core.prompts.update(core.prompts.head("copy").orElseThrow(), HeadUpdate.canaryStart(
                new HistoryEntry(HistoryKind.REFINED, Labels.CANDIDATE, null, 2, "canary", HistoryEntry.REFINEMENT, now), new Trial(2, 1, now)));

        Set<String> inCanary = new HashSet<>();
        for (int user = 0; user < 400; user++) {
            String key = "user-" + user;
            int once = core.renderer.render(request(ROW, Optional.empty(), false, Optional.of(key))).version();
            int again = core.renderer.render(request(ROW, Optional.empty(), false, Optional.of(key))).version();
            assertThat(again).as(key).isEqualTo(once);
            if (once == 2) {
                inCanary.add(key);
            }
        }

        assertThat(inCanary.size()).as("share 0.2 of 400 keys").isBetween(50, 110);
        assertThat(core.renderer.render(request(ROW, Optional.empty(), false, Optional.empty())).version())
                .as("a render without a key stays on production").isEqualTo(1);
    }

    private static RenderRequest request(Map<String, String> variables, Optional<Integer> version, boolean execute,
            Optional<String> key) {
        return new RenderRequest("copy", variables, Optional.empty(), version, execute, key, Optional.empty());
    }
}
