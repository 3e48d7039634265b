package dev.promptloop.refinement;

import dev.promptloop.feedback.FeedbackInput;
import dev.promptloop.feedback.Thumb;
import dev.promptloop.prompt.ChangeAuthor;
import dev.promptloop.prompt.LabelMove;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.Promotion;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.render.Message;
import dev.promptloop.render.ModelPurpose;
import dev.promptloop.render.RenderRequest;
import dev.promptloop.support.memory.InMemoryCore;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Learned rules are edited, not only appended: a critique that recurs although a rule exists rewords that rule, and
 * a refinement that would take the rules over their token budget consolidates them, keeping their provenance.
 */
class ConsolidationTest {

    static final String PRICE_RULE = "Always state the price exactly as given in the input.";
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    final InMemoryCore core = new InMemoryCore();

    @Test
    void aCritiqueThatRecursDespiteItsRuleRewordsThatRuleInsteadOfAddingAnother() {
        // given production with a weak price rule the model ignores, and three critiques of the price again
        var weak = LearnedRule.learned("Mention the price.", List.of("fb-first"), 2, T0);
        givenProduction(Promotion.AUTO, RefinementSettings.DEFAULT_RULE_TOKENS, List.of(weak));
        core.model.answering(ModelPurpose.RENDER, messages -> system(messages).contains("exactly as given")
                        ? "Aurora for $49.99" : "Aurora")
                .answering(ModelPurpose.OPTIMIZE, messages -> user(messages).contains("[r1] Mention the price.")
                        ? "{\"rules\": [], \"edits\": [{\"op\": \"reword\", \"target\": \"r1\", \"rule\": \""
                                + PRICE_RULE + "\", \"critiques\": [\"c1\", \"c2\", \"c3\"]}]}"
                        : "{\"rules\": []}");
        List<String> critiques = critique(3);

        // when the prompt is refined
        var outcome = core.refine("copy");

        // then version 3 holds the same rule in new words, with its history and the critiques that recurred
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(RefinementOutcome.Status.REFINED);
        var rules = core.prompts.version("copy", 3).orElseThrow().rules();
        assertThat(rules).hasSize(1);
        var reworded = rules.get(0);
        assertThat(reworded.id()).isEqualTo(weak.id());
        assertThat(reworded.text()).isEqualTo(PRICE_RULE);
        assertThat(reworded.feedbackIds()).containsExactly("fb-first");
        assertThat(reworded.edits()).singleElement().satisfies(edit -> {
            assertThat(edit.previousText()).isEqualTo("Mention the price.");
            assertThat(edit.version()).isEqualTo(3);
            assertThat(edit.actor()).isEqualTo("refine");
        });
        assertThat(reworded.recurrences()).containsExactlyInAnyOrderElementsOf(critiques);
        assertThat(core.prompts.version("copy", 3).orElseThrow().reason()).contains("reworded " + weak.id());
    }

    @Test
    void aRefinementThatWouldGoOverTheRuleBudgetConsolidatesKeepsProvenanceAndPassesTheGate() {
        // given production's rules close to a small budget, a judge that wants the price, and an optimizer that
        // first only adds a rule, and merges two when told the rules would not fit
        var shortCopy = LearnedRule.learned("Keep the copy under forty words at all times.", List.of("fb-a"), 2, T0);
        var warm = LearnedRule.learned("Write the copy in a warm and friendly tone always.", List.of("fb-b"), 2, T0);
        var notCold = LearnedRule.learned("Never write the copy in a cold or distant tone.", List.of("fb-c"), 2, T0);
        givenProduction(Promotion.EVALUATED, 50, List.of(shortCopy, warm, notCold));
        String add = "{\"rule\": \"" + PRICE_RULE + "\", \"critiques\": [\"c1\"]}";
        core.model.answering(ModelPurpose.RENDER, messages -> system(messages).contains("price")
                        ? "Aurora for $49.99" : "Aurora")
                .answering(ModelPurpose.OPTIMIZE, messages -> messages.size() > 2
                        ? "{\"rules\": [" + add + "], \"edits\": [{\"op\": \"merge\", \"targets\": [\"r2\", \"r3\"], "
                                + "\"rule\": \"Write in a warm, friendly tone.\", \"critiques\": []}]}"
                        : "{\"rules\": [" + add + "]}")
                .answering(ModelPurpose.JUDGE, ConsolidationTest::preferThePrice);
        critique(3);

        // when the prompt is refined
        var outcome = core.refine("copy");

        // then the optimizer was told the first answer did not fit, and its consolidated answer passed the gate
        assertThat(outcome.status()).as(outcome.detail()).isEqualTo(RefinementOutcome.Status.REFINED);
        var optimizer = core.model.calls(ModelPurpose.OPTIMIZE);
        assertThat(optimizer).hasSize(2);
        assertThat(user(optimizer.get(0).messages())).contains("Existing rules (37 of 50 tokens, 3 of 60 rules)");
        assertThat(optimizer.get(1).messages().get(2).content()).contains("over their budget (4 rules of 51 tokens");
        PromptVersion v3 = core.prompts.version("copy", 3).orElseThrow();
        assertThat(RuleEdits.tokens(v3.rules())).isLessThanOrEqualTo(50);
        assertThat(v3.rules()).extracting(LearnedRule::text).containsExactly(shortCopy.text(),
                "Write in a warm, friendly tone.", PRICE_RULE);
        var merged = v3.rules().get(1);
        assertThat(merged.id()).as("the first merged rule's id").isEqualTo(warm.id());
        assertThat(merged.feedbackIds()).containsExactly("fb-b", "fb-c");
        assertThat(merged.edits()).singleElement().satisfies(edit -> assertThat(edit.previousText())
                .isEqualTo("merged: " + warm.text() + " | " + notCold.text()));
        assertThat(merged.gates()).singleElement().satisfies(gate -> {
            assertThat(gate.version()).isEqualTo(3);
            assertThat(gate.passed()).isTrue();
        });
        assertThat(v3.rules().get(0).gates()).as("a rule the refinement left alone").isEmpty();
        assertThat(v3.evaluation()).hasValueSatisfying(e -> assertThat(e.promoted()).isTrue());
        assertThat(core.prompts.head("copy").orElseThrow().production()).isEqualTo(3);
    }

    @Test
    void anAnswerThatStaysOverTheBudgetWhenAskedToConsolidateWritesNothingAndSaysWhy() {
        // given rules close to the budget and an optimizer that only ever adds
        var rules = List.of(LearnedRule.learned("Keep the copy under forty words at all times.", List.of("fb-a"), 2,
                T0), LearnedRule.learned("Write the copy in a warm and friendly tone always.", List.of("fb-b"), 2, T0));
        givenProduction(Promotion.EVALUATED, 50, rules);
        core.model.answering(ModelPurpose.RENDER, "Aurora").answering(ModelPurpose.OPTIMIZE,
                "{\"rules\": [{\"rule\": \"" + PRICE_RULE + "\", \"critiques\": [\"c1\"]}, "
                        + "{\"rule\": \"Always name the product in the first sentence.\", \"critiques\": [\"c2\"]}]}");
        critique(3);

        // when the prompt is refined
        var outcome = core.refine("copy");

        // then no version was written, the critiques wait, and the outcome says why
        assertThat(outcome.status()).isEqualTo(RefinementOutcome.Status.OPTIMIZER_UNUSABLE);
        assertThat(outcome.detail()).contains("over their budget even when asked to consolidate");
        assertThat(core.model.calls(ModelPurpose.OPTIMIZE)).hasSize(2);
        assertThat(core.prompts.head("copy").orElseThrow().latestVersion()).isEqualTo(2);
        assertThat(core.feedback.pendingNegative("copy", 2, 10)).hasSize(3);
    }

    @Test
    void aRuleCarriesTheVerdictsOfTheRejectedAttemptsThatChangedItAndOfTheVersionThatDid() {
        // given a weak price rule, an optimizer whose first rewording changes nothing the judge sees and whose second,
        // shown the first attempt, works
        var weak = LearnedRule.learned("Mention the price.", List.of("fb-first"), 2, T0);
        givenProduction(Promotion.EVALUATED, RefinementSettings.DEFAULT_RULE_TOKENS, List.of(weak));
        core.model.answering(ModelPurpose.RENDER, messages -> system(messages).contains("exactly as given")
                        ? "Aurora for $49.99" : "Aurora")
                .answering(ModelPurpose.OPTIMIZE, messages -> "{\"edits\": [{\"op\": \"reword\", \"target\": "
                        + "\"r1\", \"rule\": \"" + (user(messages).contains("<attempt") ? PRICE_RULE
                        : "Say what it costs.") + "\", \"critiques\": [\"c1\"]}]}")
                .answering(ModelPurpose.JUDGE, ConsolidationTest::preferThePrice);
        critique(3);

        // when the prompt is refined twice: the first candidate is rejected, the second promoted
        assertThat(core.refine("copy").status()).isEqualTo(RefinementOutcome.Status.REJECTED);
        assertThat(core.refine("copy").status()).isEqualTo(RefinementOutcome.Status.REFINED);

        // then the promoted rule holds both verdicts, the rejected one first
        var rule = core.prompts.version("copy", 4).orElseThrow().rules().get(0);
        assertThat(rule.id()).isEqualTo(weak.id());
        assertThat(rule.gates()).extracting(LearnedRule.GateResult::version, LearnedRule.GateResult::passed)
                .containsExactly(tuple(3, false), tuple(4, true));
    }

    /** A prompt whose production is version 2 with these learned rules. */
    private void givenProduction(Promotion promotion, int ruleTokens, List<LearnedRule> rules) {
        var defaults = RefinementSettings.DEFAULTS;
        core.create("copy", new RefinementSettings(3, promotion, 3, 1.0, defaults.evaluation(), defaults.budget(),
                defaults.canary(), ruleTokens), List.of());
        var v1 = core.prompts.version("copy", 1).orElseThrow();
        core.prompts.givenVersion(new PromptVersion("copy", 2, v1.template(), v1.model(), v1.protectedRules(), rules,
                v1.checks(), T0, "learned earlier", 1, Optional.empty()));
        core.catalog.moveLabel("copy", new LabelMove("production", 2, Optional.empty()),
                ChangeAuthor.of(InMemoryCore.OWNER));
    }

    private List<String> critique(int count) {
        var render = core.renderer.render(new RenderRequest("copy", Map.of("name", "Aurora", "price", "$49.99"),
                Optional.empty(), Optional.empty(), true, Optional.empty(), Optional.empty()));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(core.recorder.record(new FeedbackInput(render.renderId(), Optional.empty(),
                    Optional.of(Thumb.DOWN), Optional.of("The price is missing"), List.of(), Optional.empty()))
                    .feedbackId());
        }
        return ids;
    }

    private static String preferThePrice(List<Message> messages) {
        String user = user(messages);
        return user.contains("<output name=\"A\">Aurora for") ? "{\"winner\": \"A\"}"
                : user.contains("<output name=\"B\">Aurora for") ? "{\"winner\": \"B\"}" : "{\"winner\": \"tie\"}";
    }

    private static String system(List<Message> messages) {
        return messages.get(0).role() == Message.Role.SYSTEM ? messages.get(0).content() : "";
    }

    private static String user(List<Message> messages) {
        return messages.get(1).content();
    }
}
