package dev.promptloop.feedback;

import dev.promptloop.core.NotFoundException;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.render.RenderRequest;
import dev.promptloop.support.memory.InMemoryCore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Recording feedback on a render, on the core's ports in memory. */
class FeedbackRecorderTest {

    final InMemoryCore core = new InMemoryCore();

    @Test
    void feedbackIsStoredWithTheRendersPromptAndVersionAndItsCritiqueTrimmed() {
        String renderId = render();

        var feedback = core.recorder.record(input(renderId, Optional.empty(), Optional.of("  The price is missing ")));

        assertThat(feedback.promptId()).isEqualTo("copy");
        assertThat(feedback.version()).isEqualTo(1);
        assertThat(feedback.source()).isEqualTo(Feedback.Source.USER);
        assertThat(feedback.critique()).contains("The price is missing");
        assertThat(feedback.negative()).as("a bare critique is a complaint").isTrue();
        assertThat(core.feedback.all()).containsExactly(feedback);
    }

    @Test
    void whatCountsAsNegative() {
        String renderId = render();

        assertThat(core.recorder.record(input(renderId, Optional.of(Thumb.UP), Optional.of("Great"))).negative())
                .as("a critique beside a thumbs up is praise").isFalse();
        assertThat(core.recorder.record(input(renderId, Optional.of(Thumb.DOWN), Optional.empty())).negative())
                .isTrue();
        assertThat(core.recorder.record(new FeedbackInput(renderId, Optional.of(2), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty())).negative()).isTrue();
        assertThat(core.recorder.record(new FeedbackInput(renderId, Optional.of(3), Optional.empty(),
                Optional.empty(), List.of(), Optional.empty())).negative()).isFalse();
    }

    @Test
    void feedbackOnARenderThatIsNotStoredOrNotARenderIdIsNotFoundAndWritesNothing() {
        core.create("copy", RefinementSettings.DEFAULTS, List.of());

        assertThatThrownBy(() -> core.recorder.record(input("copy.1.00000000-0000-0000-0000-000000000000",
                Optional.of(Thumb.DOWN), Optional.empty()))).isInstanceOfSatisfying(NotFoundException.class,
                        e -> assertThat(e.code()).isEqualTo("render-not-found"));
        assertThatThrownBy(() -> core.recorder.record(input("not-a-render", Optional.of(Thumb.DOWN),
                Optional.empty()))).isInstanceOf(NotFoundException.class);
        assertThat(core.feedback.all()).isEmpty();
    }

    private String render() {
        core.create("copy", RefinementSettings.DEFAULTS, List.of());
        return core.renderer.render(new RenderRequest("copy", Map.of("name", "A", "price", "1"), Optional.empty(),
                Optional.empty(), false, Optional.empty(), Optional.empty())).renderId();
    }

    private static FeedbackInput input(String renderId, Optional<Thumb> thumb, Optional<String> critique) {
        return new FeedbackInput(renderId, Optional.empty(), thumb, critique, List.of(), Optional.empty());
    }
}
