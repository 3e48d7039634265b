package dev.promptloop.prompt;

import dev.promptloop.core.ConflictException;
import dev.promptloop.core.InvalidInputException;
import dev.promptloop.core.NotFoundException;
import dev.promptloop.support.memory.InMemoryCore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Creating prompts and moving their labels, on the core's ports in memory. */
class PromptCatalogTest {

    final InMemoryCore core = new InMemoryCore();

    @Test
    void aNewPromptServesVersionOneAndSaysSoInItsHistory() {
        core.create("copy", RefinementSettings.DEFAULTS, List.of());

        var view = core.catalog.production("copy");

        assertThat(view.version().version()).isEqualTo(1);
        assertThat(view.labels()).containsExactly(Labels.PRODUCTION);
        assertThat(core.prompts.history("copy")).singleElement().satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(HistoryKind.CREATED);
            assertThat(entry.actor()).isEqualTo(InMemoryCore.OWNER);
        });
    }

    @Test
    void aTakenIdIsAConflict() {
        core.create("copy", RefinementSettings.DEFAULTS, List.of());

        assertThatThrownBy(() -> core.create("copy", RefinementSettings.DEFAULTS, List.of()))
                .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.code()).isEqualTo("prompt-exists"));
    }

    @Test
    void movingProductionForwardStartsAWatchAndMovingItBackIsARollbackThatEndsIt() {
        // given a second version
        core.create("copy", RefinementSettings.DEFAULTS, List.of());
        givenSecondVersion();

        // when
        var promoted = move(Labels.PRODUCTION, 2, Optional.empty(), "alice").head();
        var rolledBack = move(Labels.PRODUCTION, 1, Optional.empty(), "bob").head();

        // then
        assertThat(promoted.watch()).hasValueSatisfying(w -> {
            assertThat(w.version()).isEqualTo(2);
            assertThat(w.baseline()).isEqualTo(1);
        });
        var history = core.prompts.history("copy");
        assertThat(history.get(1).kind()).isEqualTo(HistoryKind.LABEL_MOVED);
        assertThat(history.get(1).actor()).isEqualTo("alice");
        assertThat(rolledBack.production()).isEqualTo(1);
        assertThat(rolledBack.watch()).isEmpty();
        assertThat(history.get(2)).satisfies(entry -> {
            assertThat(entry.kind()).isEqualTo(HistoryKind.ROLLED_BACK);
            assertThat(entry.actor()).isEqualTo("bob");
            assertThat(entry.reason()).isEqualTo("rollback");
            assertThat(entry.from()).isEqualTo(2);
        });
        assertThat(core.catalog.version("copy", 2).status()).isEqualTo(VersionStatus.ROLLED_BACK);
    }

    @Test
    void anyOtherLabelMovesWithoutTouchingTrialsAndKeepsItsReason() {
        core.create("copy", RefinementSettings.DEFAULTS, List.of());

        var head = move("staging", 1, Optional.of("for the demo"), "alice").head();

        assertThat(head.labels()).containsEntry("staging", 1);
        assertThat(core.prompts.history("copy").get(1).reason()).isEqualTo("for the demo");
        assertThat(head.watch()).isEmpty();
    }

    @Test
    void aLabelMovedToAVersionThatDoesNotExistIsInvalidAndWritesNothing() {
        core.create("copy", RefinementSettings.DEFAULTS, List.of());

        assertThatThrownBy(() -> move(Labels.PRODUCTION, 5, Optional.empty(), "alice"))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.code()).isEqualTo("unknown-version"));
        assertThat(core.prompts.head("copy").orElseThrow().revision()).isZero();
    }

    @Test
    void unknownAndMalformedIdsAreBothSimplyNotFound() {
        assertThatThrownBy(() -> core.catalog.production("nobody")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> core.catalog.production("../etc")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> core.catalog.production(null)).isInstanceOf(NotFoundException.class);
    }

    private void givenSecondVersion() {
        var first = core.prompts.version("copy", 1).orElseThrow();
        core.prompts.givenVersion(new PromptVersion("copy", 2, first.template(), first.model(), List.of(), List.of(),
                List.of(), first.createdAt(), "by hand", 1, Optional.empty()));
    }

    private PromptView move(String label, int version, Optional<String> reason, String actor) {
        return core.catalog.moveLabel("copy", new LabelMove(label, version, reason), ChangeAuthor.of(actor));
    }
}
