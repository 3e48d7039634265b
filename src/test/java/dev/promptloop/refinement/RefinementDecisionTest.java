package dev.promptloop.refinement;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptSettings;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a prompt is refined now: threshold, budget and room, with no storage at all. */
class RefinementDecisionTest {

    static final LocalDate TODAY = LocalDate.parse("2026-12-02");
    static final RefinementSettings SETTINGS = RefinementSettings.DEFAULTS;
    final AtomicInteger productionReads = new AtomicInteger();

    @Test
    void belowTheThresholdNothingIsReadAndNothingRefined() {
        var decision = RefinementDecision.decide(head(SETTINGS), critiques(2), RefinementUsage.none(TODAY),
                production(0));

        assertThat(decision).isInstanceOfSatisfying(RefinementDecision.Skip.class, skip -> {
            assertThat(skip.status()).isEqualTo(RefinementOutcome.Status.BELOW_THRESHOLD);
            assertThat(skip.detail()).contains("2.0 of 3");
        });
        assertThat(productionReads).as("the production version is not read").hasValue(0);
    }

    @Test
    void failedChecksWeighTheirCheckWeight() {
        var settings = new RefinementSettings(3, SETTINGS.promotion(), 3, 0.5, SETTINGS.evaluation(),
                SETTINGS.budget(), SETTINGS.canary(), RefinementSettings.DEFAULT_RULE_TOKENS);
        List<Feedback> pending = List.of(Fixtures.critique("a", "x"), check("b"), check("c"), check("d"));

        var oneCritiqueAndThreeChecks = RefinementDecision.decide(head(settings), pending, RefinementUsage.none(TODAY), production(0));
        var andAFourthCheck = RefinementDecision.decide(head(settings), concat(pending, check("e")),
                RefinementUsage.none(TODAY), production(0));

        assertThat(oneCritiqueAndThreeChecks).isInstanceOf(RefinementDecision.Skip.class);
        assertThat(andAFourthCheck).isInstanceOf(RefinementDecision.Refine.class);
    }

    @Test
    void oneVoterCritiquingManyRendersWeighsOneWhileDistinctVotersAndUnknownCallersWeighOneEach() {
        List<Feedback> oneVoter = List.of(by("a", "v1"), by("b", "v1"), by("c", "v1"), by("d", "v1"));
        List<Feedback> threeVoters = List.of(by("a", "v1"), by("b", "v2"), by("c", "v3"));
        List<Feedback> twoUnknownAndOneVoter = List.of(Fixtures.critique("a", "x"), Fixtures.critique("b", "y"),
                by("c", "v1"), by("d", "v1"));

        var alone = RefinementDecision.decide(head(SETTINGS), oneVoter, RefinementUsage.none(TODAY), production(0));
        var three = RefinementDecision.decide(head(SETTINGS), threeVoters, RefinementUsage.none(TODAY), production(0));
        var mixed = RefinementDecision.decide(head(SETTINGS), twoUnknownAndOneVoter, RefinementUsage.none(TODAY),
                production(0));

        assertThat(alone).isInstanceOfSatisfying(RefinementDecision.Skip.class, skip ->
                assertThat(skip.detail()).contains("1.0 of 3"));
        assertThat(three).isInstanceOf(RefinementDecision.Refine.class);
        assertThat(mixed).isInstanceOf(RefinementDecision.Refine.class);
    }

    @Test
    void oneRefinementLearnsFromEveryVoterBeforeTheTwentiethCritiqueOfOne() {
        // given one voter's 25 critiques, oldest first, and then three other people's
        List<Feedback> pending = new java.util.ArrayList<>();
        for (int i = 0; i < 25; i++) {
            pending.add(by("spam-" + i, "v1"));
        }
        pending.addAll(List.of(by("p2", "v2"), by("p3", "v3"), Fixtures.critique("anonymous", "x")));

        // when the feedback for one refinement is chosen
        var chosen = RefinementDecision.fairShare(pending, Refiner.MAX_FEEDBACK_PER_REFINEMENT);

        // then the others are in it, and the one voter fills what is left
        assertThat(chosen).hasSize(Refiner.MAX_FEEDBACK_PER_REFINEMENT).extracting(Feedback::feedbackId)
                .contains("p2", "p3", "anonymous");
        assertThat(chosen.stream().filter(f -> f.voter().equals(Optional.of("v1")))).hasSize(17);
        assertThat(RefinementDecision.weight(pending, 0.5)).isEqualTo(4.0);
    }

    @Test
    void aSpentBudgetStopsBeforeTheProductionVersionIsRead() {
        var spent = RefinementUsage.none(TODAY).plus(SETTINGS.budget().maxModelCallsPerDay(), 10);

        var decision = RefinementDecision.decide(head(SETTINGS), critiques(3), spent, production(0));

        assertThat(decision).isInstanceOfSatisfying(RefinementDecision.BudgetReached.class,
                reached -> assertThat(reached.detail()).startsWith("daily refinement budget reached"));
        assertThat(productionReads).hasValue(0);
    }

    @Test
    void aVersionAtTheRuleCeilingIsStillRefinedItsRefinementMustConsolidate() {
        var decision = RefinementDecision.decide(head(SETTINGS), critiques(3), RefinementUsage.none(TODAY),
                production(RefinementSettings.MAX_RULES));

        assertThat(decision).isInstanceOfSatisfying(RefinementDecision.Refine.class,
                refine -> assertThat(refine.room()).isEqualTo(SETTINGS.maxNewRules()));
    }

    @Test
    void enoughFeedbackRefinesWithinTheBudgetLeftToday() {
        var usage = RefinementUsage.none(TODAY).plus(100, 1_000);

        var decision = RefinementDecision.decide(head(SETTINGS), critiques(3), usage, production(28));

        assertThat(decision).isInstanceOfSatisfying(RefinementDecision.Refine.class, refine -> {
            assertThat(refine.room()).isEqualTo(SETTINGS.maxNewRules());
            assertThat(refine.base().rules()).hasSize(28);
            assertThat(productionReads).hasValue(1);
        });
    }

    private Supplier<PromptVersion> production(int rules) {
        return () -> {
            productionReads.incrementAndGet();
            return Fixtures.version(null, "Copy for {{name}}", List.of(), Collections.nCopies(rules, "A rule."),
                    List.of());
        };
    }

    private static PromptHead head(RefinementSettings settings) {
        return PromptHead.created("copy", PromptSettings.of(settings), Instant.parse("2026-12-02T10:00:00Z"));
    }

    private static List<Feedback> critiques(int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> Fixtures.critique("f" + i, "wrong")).toList();
    }

    private static Feedback check(String id) {
        return new Feedback(id, "copy", 1, "r-" + id, Feedback.Source.CHECK, Optional.empty(), Optional.empty(),
                Optional.of("a check failed"), List.of("check"), true, Instant.EPOCH, Optional.empty(), List.of());
    }

    private static List<Feedback> concat(List<Feedback> list, Feedback more) {
        var all = new java.util.ArrayList<>(list);
        all.add(more);
        return all;
    }

    private static Feedback by(String id, String voter) {
        var critique = Fixtures.critique(id, "the price is missing");
        return new Feedback(critique.feedbackId(), critique.promptId(), critique.version(), critique.renderId(),
                critique.source(), critique.rating(), critique.thumb(), critique.critique(), critique.tags(),
                critique.negative(), critique.createdAt(), Optional.of(voter), List.of());
    }
}
