package dev.promptloop.refinement;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackInput;
import dev.promptloop.feedback.Thumb;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.Promotion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.render.Message;
import dev.promptloop.render.ModelPurpose;
import dev.promptloop.render.RenderRequest;
import dev.promptloop.support.memory.InMemoryCore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Refinement decisions and the pipeline, on the core's own ports in memory: no Quarkus, moto or WireMock. */
class RefinerTest {

    static final String PRICE_RULE = "{\"rules\": [{\"rule\": \"Always state the price exactly as given.\","
            + " \"critiques\": [\"c1\", \"c2\", \"c3\"]}]}";
    static final Map<String, String> ROW = Map.of("name", "Aurora", "price", "$49.99");

    final InMemoryCore core = new InMemoryCore();

    @Test
    void threeCritiquesBecomeAVersionWhoseRuleCitesThemAndIsWatched() {
        // given
        core.create("copy", settings(Promotion.AUTO), List.of());
        core.model.answering(ModelPurpose.RENDER, "Aurora is here").answering(ModelPurpose.OPTIMIZE, PRICE_RULE);
        List<String> critiques = critique(3);

        // when
        var outcome = core.refine("copy");

        // then
        assertThat(outcome.status()).isEqualTo(RefinementOutcome.Status.REFINED);
        assertThat(outcome.newVersion()).contains(2);
        var head = core.prompts.head("copy").orElseThrow();
        assertThat(head.production()).isEqualTo(2);
        assertThat(head.watch()).hasValueSatisfying(w -> assertThat(w.baseline()).isEqualTo(1));
        assertThat(lastEvent().kind()).isEqualTo(HistoryKind.REFINED);
        assertThat(lastEvent().actor()).isEqualTo(HistoryEntry.REFINEMENT);
        var version = core.prompts.version("copy", 2).orElseThrow();
        assertThat(version.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.text()).isEqualTo("Always state the price exactly as given.");
            assertThat(rule.feedbackIds()).containsExactlyElementsOf(critiques);
        });
        assertThat(critiques).allSatisfy(id -> assertThat(core.feedback.consumedBy(id)).isEqualTo(2));
        assertThat(core.model.calls(ModelPurpose.OPTIMIZE)).singleElement()
                .satisfies(call -> assertThat(call.settings().name()).isEqualTo("optimizer-model"));
    }

    @Test
    void manualPromotionLeavesTheNewVersionOnTheCandidateLabel() {
        core.create("copy", settings(Promotion.MANUAL), List.of());
        core.model.answering(ModelPurpose.RENDER, "Aurora").answering(ModelPurpose.OPTIMIZE, PRICE_RULE);
        critique(3);

        var outcome = core.refine("copy");

        var head = core.prompts.head("copy").orElseThrow();
        assertThat(outcome.status()).isEqualTo(RefinementOutcome.Status.REFINED);
        assertThat(head.labels()).containsEntry(Labels.CANDIDATE, 2).containsEntry(Labels.PRODUCTION, 1);
        assertThat(head.watch()).isEmpty();
        assertThat(head.canary()).isEmpty();
    }

    @Test
    void theGatePromotesACandidateTheJudgePrefersInBothOrdersAndTheJudgeUsesItsOwnSettings() {
        core.create("copy", settings(Promotion.EVALUATED), List.of());
        core.model.answering(ModelPurpose.RENDER, RefinerTest::keepsThePriceOnlyWhenARuleAsks)
                .answering(ModelPurpose.OPTIMIZE, PRICE_RULE)
                .answering(ModelPurpose.JUDGE, RefinerTest::prefersTheOutputWithThePrice);
        critique(3);

        var outcome = core.refine("copy");

        assertThat(outcome.status()).isEqualTo(RefinementOutcome.Status.REFINED);
        assertThat(core.prompts.head("copy").orElseThrow().production()).isEqualTo(2);
        assertThat(core.prompts.version("copy", 2).orElseThrow().evaluation()).hasValueSatisfying(e -> {
            assertThat(e.promoted()).isTrue();
            assertThat(e.wins()).isEqualTo(1);
        });
        assertThat(core.model.calls(ModelPurpose.JUDGE)).hasSize(2)
                .allSatisfy(call -> assertThat(call.settings()).isEqualTo(core.judgeSettings));
    }

    @Test
    void aCandidateTheJudgeCannotTellApartIsRejectedAndKeepsTheRejectedLabel() {
        core.create("copy", settings(Promotion.EVALUATED), List.of());
        core.model.answering(ModelPurpose.RENDER, "Aurora").answering(ModelPurpose.OPTIMIZE, PRICE_RULE)
                .answering(ModelPurpose.JUDGE, "{\"winner\": \"tie\"}");
        critique(3);

        var outcome = core.refine("copy");

        var head = core.prompts.head("copy").orElseThrow();
        assertThat(outcome.status()).isEqualTo(RefinementOutcome.Status.REJECTED);
        assertThat(head.labels()).containsEntry(Labels.REJECTED, 2).containsEntry(Labels.PRODUCTION, 1);
        assertThat(lastEvent().kind()).isEqualTo(HistoryKind.REJECTED);
        assertThat(head.watch()).isEmpty();
    }

    @Test
    void anOptimizerWithNothingUsableWritesNoVersionAndLeavesTheFeedbackPending() {
        core.create("copy", settings(Promotion.AUTO), List.of());
        core.model.answering(ModelPurpose.RENDER, "Aurora").answering(ModelPurpose.OPTIMIZE, "{\"rules\": []}");
        List<String> critiques = critique(3);

        var outcome = core.refine("copy");

        assertThat(outcome.status()).isEqualTo(RefinementOutcome.Status.NO_RULES);
        assertThat(core.prompts.head("copy").orElseThrow().latestVersion()).isEqualTo(1);
        assertThat(core.prompts.head("copy").orElseThrow().usage().modelCalls()).isEqualTo(1);
        assertThat(critiques).allSatisfy(id -> assertThat(core.feedback.consumedBy(id)).isNull());
    }

    @Test
    void aRefinementWhoseHeadMovedMeanwhileIsSupersededAndWritesNothing() {
        core.create("copy", settings(Promotion.AUTO), List.of());
        core.model.answering(ModelPurpose.RENDER, "Aurora").answering(ModelPurpose.OPTIMIZE, PRICE_RULE);
        List<String> critiques = critique(3);
        core.prompts.failNextUpdate = true;

        var outcome = core.refine("copy");

        assertThat(outcome.status()).isEqualTo(RefinementOutcome.Status.SUPERSEDED);
        assertThat(core.prompts.version("copy", 2)).isEmpty();
        assertThat(critiques).allSatisfy(id -> assertThat(core.feedback.consumedBy(id)).isNull());
    }

    @Test
    void aSpentDailyBudgetStopsRefinementIsRecordedOnceAndResumesTheNextDay() {
        var defaults = RefinementSettings.DEFAULTS;
        core.create("copy", new RefinementSettings(3, Promotion.AUTO, 3, 1.0, defaults.evaluation(),
                new RefinementSettings.BudgetSettings(1, 100_000), defaults.canary(),
                RefinementSettings.DEFAULT_RULE_TOKENS), List.of());
        core.model.answering(ModelPurpose.RENDER, "Aurora").answering(ModelPurpose.OPTIMIZE, "{\"rules\": []}");
        critique(3);

        core.refine("copy");
        var stopped = core.refine("copy");
        core.refine("copy");

        assertThat(stopped.status()).isEqualTo(RefinementOutcome.Status.BUDGET_EXHAUSTED);
        assertThat(core.prompts.history("copy"))
                .filteredOn(e -> e.kind() == HistoryKind.BUDGET_REACHED).hasSize(1);
        assertThat(core.model.calls(ModelPurpose.OPTIMIZE)).hasSize(1);

        core.clock.advance(Duration.ofDays(1));
        core.refine("copy");
        assertThat(core.model.calls(ModelPurpose.OPTIMIZE)).as("a new day, a new budget").hasSize(2);
    }

    @Test
    void refinementWaitsWhileACanaryRuns() {
        core.create("copy", settings(Promotion.CANARY), List.of());
        core.model.answering(ModelPurpose.RENDER, RefinerTest::keepsThePriceOnlyWhenARuleAsks)
                .answering(ModelPurpose.OPTIMIZE, PRICE_RULE)
                .answering(ModelPurpose.JUDGE, RefinerTest::prefersTheOutputWithThePrice);
        critique(3);

        var first = core.refine("copy");
        critique(3);
        var second = core.refine("copy");

        assertThat(first.status()).isEqualTo(RefinementOutcome.Status.REFINED);
        assertThat(core.prompts.head("copy").orElseThrow().canary()).hasValueSatisfying(c -> {
            assertThat(c.version()).isEqualTo(2);
            assertThat(c.baseline()).isEqualTo(1);
        });
        assertThat(second.status()).isEqualTo(RefinementOutcome.Status.CANARY_RUNNING);
    }

    /** Renders production once and gives it that many critiques; returns their feedback ids. */
    private List<String> critique(int count) {
        var render = core.renderer.render(new RenderRequest("copy", ROW, Optional.empty(), Optional.empty(), true,
                Optional.empty(), Optional.empty()));
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> core.recorder.record(new FeedbackInput(
                render.renderId(), Optional.empty(), Optional.of(Thumb.DOWN), Optional.of("The price is missing"),
                List.of(), Optional.empty()))).map(Feedback::feedbackId).toList();
    }

    private static RefinementSettings settings(Promotion promotion) {
        var defaults = RefinementSettings.DEFAULTS;
        return new RefinementSettings(3, promotion, 3, 1.0, defaults.evaluation(), defaults.budget(),
                defaults.canary(), RefinementSettings.DEFAULT_RULE_TOKENS);
    }

    private static String keepsThePriceOnlyWhenARuleAsks(List<Message> messages) {
        boolean asked = messages.stream().anyMatch(m -> m.role() == Message.Role.SYSTEM
                && m.content().contains("price"));
        return asked ? "Aurora for $49.99" : "Aurora";
    }

    private static String prefersTheOutputWithThePrice(List<Message> messages) {
        String user = messages.get(1).content();
        boolean aHasIt = user.substring(user.indexOf("<output name=\"A\">"), user.indexOf("<output name=\"B\">"))
                .contains("$");
        return aHasIt ? "{\"winner\": \"A\"}" : "{\"winner\": \"B\"}";
    }

    private HistoryEntry lastEvent() {
        var history = core.prompts.history("copy");
        return history.get(history.size() - 1);
    }
}
