package dev.promptloop.store;

import dev.promptloop.check.OutputCheck;
import dev.promptloop.core.RenderId;
import dev.promptloop.core.Voters;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.Thumb;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.Promotion;
import dev.promptloop.prompt.VersionStatus;
import dev.promptloop.render.Message;
import dev.promptloop.suite.RegressionCase;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.promptloop.support.StoredItems.item;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every item under {@code src/test/resources/items/} was written by an earlier version of Promptloop (the ones without
 * a format attribute by the code of 2026-12-02, dumped from a local-mode run of the README's walkthrough and a few
 * more prompts; the in-progress idempotency record is written as that day's claim writes it). Each must read back
 * into the same values: a change the stored items cannot follow fails here.
 */
class StoredItemsTest {

    @Test
    void aHeadWithMovedLabelsARollbackAndSettingsReadsBack() {
        var head = HeadItems.head(item("head-product-copy"));

        assertThat(head.promptId()).isEqualTo("product-copy");
        assertThat(head.labels()).isEqualTo(Map.of(Labels.PRODUCTION, 1, "staging", 1));
        assertThat(head.latestVersion()).isEqualTo(2);
        assertThat(head.revision()).isEqualTo(5);
        assertThat(head.refinement().checkWeight()).isEqualTo(0.5);
        assertThat(head.refinement().evaluation().maxCases()).isEqualTo(6);
        assertThat(head.refinement().evaluation().candidates()).as("before candidates: one").isEqualTo(1);
        assertThat(head.refinement().promotion()).isEqualTo(Promotion.EVALUATED);
        var history = LegacyHistory.entries(item("head-product-copy"));
        assertThat(history).hasSize(6);
        assertThat(history.get(2).reason()).isEqualTo("fixture rollback");
        assertThat(history.get(5).reason()).startsWith("rolled back automatically");
        assertThat(history.get(0).from()).isNull();
        assertThat(history).allSatisfy(e -> assertThat(e.actor()).isEqualTo(HistoryItems.UNRECORDED_ACTOR));
        assertThat(head.canary()).isEmpty();
        assertThat(head.watch()).isEmpty();
    }

    @Test
    void headsWithARunningCanaryAndARunningWatchReadBack() {
        var canary = HeadItems.head(item("head-canary-running"));
        var watched = HeadItems.head(item("head-watched"));

        assertThat(canary.canary()).hasValueSatisfying(t -> assertThat(t.version()).isEqualTo(2));
        assertThat(canary.refinement().promotion()).isEqualTo(Promotion.CANARY);
        assertThat(canary.labels()).containsEntry(Labels.CANDIDATE, 2);
        assertThat(watched.watch()).hasValueSatisfying(t -> {
            assertThat(t.version()).isEqualTo(2);
            assertThat(t.baseline()).isEqualTo(1);
        });
    }

    @Test
    void aHeadWhoseHandWrittenVersionWaitsForTheGateReadsBackAndIsWrittenAsItWas() {
        var head = HeadItems.head(item("head-format-2-gate-pending"));
        var version = VersionItems.version(item("version-hand-written-awaiting-gate"));

        assertThat(head.gate()).hasValueSatisfying(gate -> {
            assertThat(gate.version()).isEqualTo(2);
            assertThat(gate.baseline()).isEqualTo(1);
        });
        assertThat(head.labels()).isEqualTo(Map.of(Labels.PRODUCTION, 1));
        assertThat(head.latestVersion()).isEqualTo(2);
        assertThat(version.protectedRules()).containsExactly("State the price exactly as given.");
        assertThat(dev.promptloop.prompt.VersionStatus.of(head, version, java.util.Set.of()))
                .isEqualTo(dev.promptloop.prompt.VersionStatus.EVALUATING);
        assertThat(HeadItems.item(head)).isEqualTo(item("head-format-2-gate-pending"));
        assertThat(VersionItems.awaitingGate(version)).isEqualTo(item("version-hand-written-awaiting-gate"));
    }

    @Test
    void headsWithBudgetStopsAndTrialDecisionsReadBack() {
        var budget = HeadItems.head(item("head-budget-copy"));
        var canary = HeadItems.head(item("head-canary-copy"));

        var budgetHistory = LegacyHistory.entries(item("head-budget-copy"));
        assertThat(budgetHistory).extracting(m -> m.label()).containsExactly(Labels.PRODUCTION, null, null);
        assertThat(budgetHistory.get(2).reason()).startsWith("daily refinement budget reached");
        assertThat(budget.usage().modelCalls()).isEqualTo(1);
        assertThat(budget.usage().stopRecorded()).as("the stop of its usage day is in its history").isTrue();
        assertThat(budget.refinement().budget().maxModelCallsPerDay()).isEqualTo(1);
        assertThat(canary.labels()).containsEntry(Labels.REJECTED, 2);
        assertThat(LegacyHistory.entries(item("head-canary-copy")).get(2).reason()).startsWith("canary rolled back");
        assertThat(HeadItems.head(item("head-manual-copy")).labels()).containsEntry(Labels.CANDIDATE, 2);
        assertThat(HeadItems.head(item("head-gated-copy")).labels()).containsEntry(Labels.REJECTED, 2);
    }

    @Test
    void aFirstVersionWithEveryKindOfCheckReadsBack() {
        var version = VersionItems.version(item("version-product-copy-1"));

        assertThat(version.version()).isEqualTo(1);
        assertThat(version.template().systemSource()).contains("You write short marketing copy.");
        assertThat(version.template().variables()).containsExactly("name", "price", "colour", "logo", "tagline");
        assertThat(version.model().name()).isEqualTo("gpt-4o-mini");
        assertThat(version.model().temperature()).isEqualTo(0.3);
        assertThat(version.model().maxTokens()).isEqualTo(400);
        assertThat(version.protectedRules()).containsExactly("Never invent product features.");
        assertThat(version.checks()).extracting(OutputCheck::type).containsExactly("contains-variable",
                "not-contains", "regex", "json", "max-length", "min-length");
        assertThat(version.checks().get(3).run("{\"a\": 1}", Map.of()).passed()).as("the schema came back").isFalse();
        assertThat(version.checks().get(3).run("{\"a\": \"x\"}", Map.of()).passed()).isTrue();
        assertThat(version.parentVersion()).isNull();
        assertThat(version.evaluation()).isEmpty();
        assertThat(version.createdAt()).isEqualTo(Instant.parse("2026-12-02T07:09:42.623592686Z"));
    }

    @Test
    void refinedVersionsReadBackWithRulesProvenanceAndEvaluation() {
        var promoted = VersionItems.version(item("version-product-copy-2-refined-evaluated"));
        var rejected = VersionItems.version(item("version-gated-copy-2-rejected"));
        var unevaluated = VersionItems.version(item("version-manual-copy-2-refined-unevaluated"));

        assertThat(promoted.parentVersion()).isEqualTo(1);
        assertThat(promoted.rules()).hasSize(3);
        assertThat(promoted.rules().get(0).text()).isEqualTo("Always state the price exactly as given in the input.");
        assertThat(promoted.rules().get(0).feedbackIds()).hasSize(3);
        assertThat(promoted.rules().get(0).version()).isEqualTo(2);
        assertThat(promoted.evaluation()).hasValueSatisfying(e -> {
            assertThat(e.promoted()).isTrue();
            assertThat(e.cases()).isEqualTo(2);
            assertThat(e.candidatePassRate()).isGreaterThan(e.productionPassRate());
        });
        assertThat(rejected.evaluation()).hasValueSatisfying(e -> assertThat(e.promoted()).isFalse());
        assertThat(unevaluated.evaluation()).isEmpty();
        assertThat(unevaluated.rules()).isNotEmpty();
        assertThat(VersionItems.version(item("version-canary-copy-1-no-system")).template().system()).isEmpty();
    }

    @Test
    void rendersReadBackExecutedOrNot() {
        var executed = RenderItems.render(item("render-executed-with-checks"));
        var plain = RenderItems.render(item("render-not-executed"));

        assertThat(executed.variables()).containsEntry("price", "$49.99").hasSize(5);
        assertThat(executed.messages()).extracting(Message::role).containsExactly(Message.Role.SYSTEM,
                Message.Role.USER);
        assertThat(executed.output()).isPresent();
        assertThat(executed.checks()).hasSize(6);
        assertThat(executed.usage()).hasValueSatisfying(u -> assertThat(u.totalTokens()).isEqualTo(85));
        assertThat(executed.model()).isEqualTo("simulated-forgetful");
        assertThat(plain.output()).isEmpty();
        assertThat(plain.usage()).isEmpty();
        assertThat(plain.checks()).isEmpty();
    }

    @Test
    void feedbackOfPeopleAndOfChecksReadsBack() {
        var machine = FeedbackItems.feedback(item("feedback-machine-check"));
        var consumed = FeedbackItems.feedback(item("feedback-user-consumed-with-tags"));
        var pending = FeedbackItems.feedback(item("feedback-user-pending"));
        var positive = FeedbackItems.feedback(item("feedback-user-positive-rated"));

        assertThat(machine.source()).isEqualTo(Feedback.Source.CHECK);
        assertThat(machine.tags()).containsExactly("check", "regex");
        assertThat(machine.negative()).isTrue();
        assertThat(consumed.thumb()).contains(Thumb.DOWN);
        assertThat(consumed.tags()).containsExactly("price", "copy");
        assertThat(consumed.critique()).contains("The price is missing");
        assertThat(pending.promptId()).isEqualTo("budget-copy");
        assertThat(pending.version()).isEqualTo(1);
        assertThat(positive.negative()).isFalse();
        assertThat(positive.rating()).contains(5);
        assertThat(positive.source()).isEqualTo(Feedback.Source.USER);
    }

    @Test
    void feedbackWithTheVoterItSpeaksForReadsBackAndIsWrittenAsItWasWhileOlderFeedbackHasNone() {
        var voiced = FeedbackItems.feedback(item("feedback-user-with-voter"));

        assertThat(voiced.voter()).contains(Voters.of("user-42"));
        assertThat(RenderId.parse(voiced.renderId())).hasValueSatisfying(parts -> {
            assertThat(parts.promptId()).isEqualTo("voter-copy");
            assertThat(parts.voter()).isEqualTo(voiced.voter());
        });
        assertThat(FeedbackItems.item(voiced)).isEqualTo(item("feedback-user-with-voter"));
        var older = FeedbackItems.feedback(item("feedback-user-pending"));
        assertThat(older.voter()).isEmpty();
        assertThat(RenderId.parse(older.renderId())).hasValueSatisfying(parts ->
                assertThat(parts.voter()).isEmpty());
    }

    @Test
    void feedbackParkedAfterThreeRejectedRefinementsReadsBackWithTheVersionsItWasTriedIn() {
        var item = item("feedback-user-unresolved");
        var parked = FeedbackItems.feedback(item);

        assertThat(parked.triedBy()).containsExactly(2, 3, 4);
        assertThat(Attributes.optionalInteger(item, FeedbackItems.UNRESOLVED_BY)).contains(4);
        assertThat(item).doesNotContainKey(TableSchemas.FEEDBACK_PENDING);
        assertThat(FeedbackItems.feedback(item("feedback-user-pending")).triedBy()).as("older feedback").isEmpty();
    }

    @Test
    void historyWrittenBeforeKindsGetsTheKindItsChangeHad() {
        assertThat(kinds("head-product-copy")).containsExactly(HistoryKind.CREATED, HistoryKind.REFINED,
                HistoryKind.ROLLED_BACK, HistoryKind.LABEL_MOVED, HistoryKind.LABEL_MOVED,
                HistoryKind.AUTO_ROLLED_BACK);
        assertThat(kinds("head-canary-copy")).containsExactly(HistoryKind.CREATED, HistoryKind.REFINED,
                HistoryKind.CANARY_ROLLED_BACK);
        assertThat(kinds("head-budget-copy")).containsExactly(HistoryKind.CREATED, HistoryKind.BUDGET_EXHAUSTED,
                HistoryKind.BUDGET_REACHED);
        assertThat(kinds("head-gated-copy")).containsExactly(HistoryKind.CREATED, HistoryKind.REJECTED);
        assertThat(kinds("head-manual-copy")).containsExactly(HistoryKind.CREATED, HistoryKind.REFINED);
    }

    @Test
    void versionStatusesOfOldItemsAreWhatTheyWere() {
        var canary = HeadItems.head(item("head-canary-copy"));
        var gated = HeadItems.head(item("head-gated-copy"));

        var canaryRolledBack = rolledBack("head-canary-copy");

        assertThat(VersionStatus.of(canary, VersionItems.version(item("version-canary-copy-1-no-system")),
                canaryRolledBack)).isEqualTo(VersionStatus.PRODUCTION);
        assertThat(VersionStatus.of(canary, withVersion(VersionItems.version(item("version-canary-copy-1-no-system")),
                2), canaryRolledBack)).isEqualTo(VersionStatus.ROLLED_BACK);
        assertThat(VersionStatus.of(gated, VersionItems.version(item("version-gated-copy-2-rejected")),
                rolledBack("head-gated-copy"))).isEqualTo(VersionStatus.REJECTED);
    }

    @Test
    void idempotencyRecordsReadBackCompletedOrInProgress() {
        var render = IdempotencyItems.existing(item("idempotency-completed-render"));
        var feedback = IdempotencyItems.existing(item("idempotency-completed-feedback"));
        var running = IdempotencyItems.existing(item("idempotency-in-progress"));

        assertThat(render.response()).hasValueSatisfying(r -> {
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(r.body()).contains("\"renderId\"");
        });
        assertThat(feedback.response()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(201));
        assertThat(render.requestHash()).hasSize(64);
        assertThat(running.response()).isEmpty();
        assertThat(running.requestHash()).hasSize(64);
    }

    @Test
    void anItemMissingAttributesOrCarryingOnesFromANewerVersionStillReads() {
        Map<String, AttributeValue> version = new HashMap<>(item("version-product-copy-1"));
        version.remove("rules");
        version.remove("protectedRules");
        version.remove("createdAt");
        version.put("checks", AttributeValue.fromS("[{\"type\": \"contains\", \"value\": \"x\"}, "
                + "{\"type\": \"sentiment\", \"at-least\": 0.5}]"));
        version.put("itemFormat", AttributeValue.fromN("7"));
        version.put("fromTheFuture", AttributeValue.fromS("ignored"));
        Map<String, AttributeValue> head = new HashMap<>(item("head-product-copy"));
        head.remove("usage");
        head.put("refinement", AttributeValue.fromS("{\"threshold\": 500, \"promotion\": \"bandit\"}"));

        var readVersion = VersionItems.version(version);
        var readHead = HeadItems.head(head);

        assertThat(readVersion.rules()).isEmpty();
        assertThat(readVersion.protectedRules()).isEmpty();
        assertThat(readVersion.checks()).extracting(OutputCheck::type).as("the unknown check is left out")
                .containsExactly("contains");
        assertThat(readHead.refinement().threshold()).as("no API limit applies to what is stored").isEqualTo(500);
        assertThat(readHead.refinement().promotion()).isEqualTo(Promotion.EVALUATED);
        assertThat(readHead.usage().modelCalls()).isZero();
    }

    @Test
    void headsWithoutHistoryAndTheHistoryItemsBesideThemReadBack() {
        var head = HeadItems.head(item("head-format-2-no-history"));
        var created = HistoryItems.entry(item("history-created"));
        var refined = HistoryItems.entry(item("history-refined"));
        var rolledBack = HistoryItems.entry(item("history-rolled-back"));

        assertThat(head.labels()).isEqualTo(Map.of(Labels.PRODUCTION, 1));
        assertThat(head.latestVersion()).isEqualTo(2);
        assertThat(head.usage().stopRecorded()).isFalse();
        assertThat(LegacyHistory.entries(item("head-format-2-no-history"))).isEmpty();
        assertThat(created.kind()).isEqualTo(HistoryKind.CREATED);
        assertThat(created.from()).isNull();
        assertThat(refined.actor()).isEqualTo(HistoryEntry.REFINEMENT);
        assertThat(refined.reason()).startsWith("promoted: 1 wins");
        assertThat(rolledBack.kind()).isEqualTo(HistoryKind.ROLLED_BACK);
        assertThat(rolledBack.actor()).isEqualTo("local-developer");
        assertThat(rolledBack.rolledBack()).contains(2);
        assertThat(RollbackMarks.version(item("rollback-mark-product-copy-2"))).isEqualTo(2);
        assertThat(HistoryItems.SORT_KEY.matcher(item("history-rolled-back").get("sk").s()).matches())
                .as("positions handed out for this item are accepted back").isTrue();
        assertThat(HeadItems.item(head)).as("rewritten, it keeps all it had")
                .containsAllEntriesOf(item("head-format-2-no-history"));
        String sortKey = item("history-rolled-back").get("sk").s();
        assertThat(HistoryItems.item("product-copy", rolledBack, sortKey.substring(sortKey.lastIndexOf('#') + 1)))
                .isEqualTo(item("history-rolled-back"));
    }

    @Test
    void aHeadWithTheOwnersSettingsReadsBackAndIsWrittenAsItWas() {
        var head = HeadItems.head(item("head-settings-archived"));

        assertThat(head.settings().description()).contains("Product copy for the shop");
        assertThat(head.settings().tags()).containsExactly("shop", "en");
        assertThat(head.settings().archived()).isTrue();
        assertThat(HeadItems.item(head)).isEqualTo(item("head-settings-archived"));
        assertThat(HeadItems.head(item("head-product-copy")).settings().archived()).as("older heads: not archived")
                .isFalse();
    }

    @Test
    void aConsolidatedVersionReadsBackWithItsMergedRulesEvidenceWhileOlderRulesHaveNone() {
        var consolidated = VersionItems.version(item("version-consolidated-4-merged-rule"));
        var older = VersionItems.version(item("version-product-copy-2-refined-evaluated"));

        var merged = consolidated.rules().get(0);
        assertThat(merged.feedbackIds()).containsExactly("fb-warm", "fb-cold");
        assertThat(merged.edits()).singleElement().satisfies(e -> assertThat(e.previousText()).startsWith("merged: "));
        assertThat(merged.recurrences()).containsExactly("fb-later-1", "fb-later-2");
        assertThat(merged.gates()).singleElement().satisfies(g -> {
            assertThat(g.version()).isEqualTo(4);
            assertThat(g.passed()).isTrue();
        });
        assertThat(older.rules()).allSatisfy(rule -> {
            assertThat(rule.recurrences()).isEmpty();
            assertThat(rule.gates()).isEmpty();
        });
        var written = VersionItems.item(consolidated);
        assertThat(VersionItems.item(VersionItems.version(written))).as("written, read and written again")
                .isEqualTo(written);
        assertThat(VersionItems.version(written).rules()).isEqualTo(consolidated.rules());
    }

    @Test
    void regressionCasesReadBackWithTheirProvenanceAndTheChecksThisCodeCanRun() {
        var fixed = CaseItems.regressionCase(item("case-fixed-learned-by-2"));
        var owner = CaseItems.regressionCase(item("case-owner-with-checks-and-note"));

        assertThat(fixed.caseId()).isEqualTo("f-837a3241c56bbf87")
                .as("the id this code gives its inputs").isEqualTo(RegressionCase.id(RegressionCase.Kind.FIXED,
                        fixed.variables()));
        assertThat(owner.caseId()).isEqualTo(RegressionCase.id(RegressionCase.Kind.OWNER, owner.variables()));
        assertThat(fixed.kind()).isEqualTo(RegressionCase.Kind.FIXED);
        assertThat(fixed.variables()).containsEntry("price", "$49.99").hasSize(2);
        assertThat(fixed.output()).contains("Aurora Lamp, light that follows you.");
        assertThat(fixed.critiques()).hasSize(2).first().isEqualTo("The price is missing");
        assertThat(fixed.feedbackIds()).hasSize(2);
        assertThat(fixed.version()).isEqualTo(1);
        assertThat(fixed.learnedBy()).contains(2);
        assertThat(fixed.rubric()).isEqualTo(fixed.critiques());
        assertThat(owner.kind()).isEqualTo(RegressionCase.Kind.OWNER);
        assertThat(owner.checks()).as("the newer release's check is left out").hasSize(1)
                .first().isInstanceOf(OutputCheck.Contains.class);
        assertThat(((OutputCheck.Contains) owner.checks().get(0)).value()).isEqualTo("Borealis");
        assertThat(owner.rubric()).containsExactly("Mentions that the lamp dims itself at night.");
        assertThat(owner.learnedBy()).isEmpty();
        assertThat(owner.author()).endsWith("user/owner");
        assertThat(CaseItems.regressionCase(CaseItems.item("product-copy", fixed))).as("written and read again")
                .isEqualTo(fixed);
        var evaluated = VersionItems.version(item("version-product-copy-2-refined-evaluated")).evaluation()
                .orElseThrow();
        assertThat(evaluated.earlierCases()).as("an evaluation from before the suite").isZero();
        assertThat(evaluated.earlierLosses()).isZero();
    }

    @Test
    void itemsWrittenTodayCarryTheirFormatAndReadBackTheSame() {
        var head = HeadItems.head(item("head-product-copy"));
        var version = VersionItems.version(item("version-product-copy-2-refined-evaluated"));

        var headItem = HeadItems.item(head);
        var versionItem = VersionItems.item(version);

        assertThat(headItem.get(ItemFormat.ATTRIBUTE).n()).isEqualTo(String.valueOf(ItemFormat.CURRENT));
        assertThat(versionItem.get(ItemFormat.ATTRIBUTE).n()).isEqualTo(String.valueOf(ItemFormat.CURRENT));
        assertThat(HeadItems.head(headItem)).isEqualTo(head);
        assertThat(VersionItems.item(VersionItems.version(versionItem))).as("written, read and written again")
                .isEqualTo(versionItem);
    }

    private static java.util.List<HistoryKind> kinds(String fixture) {
        return LegacyHistory.entries(item(fixture)).stream().map(HistoryEntry::kind).toList();
    }

    /** The versions a legacy head's history rolled back, as its migration marks them. */
    private static java.util.Set<Integer> rolledBack(String fixture) {
        return LegacyHistory.entries(item(fixture)).stream().flatMap(e -> e.rolledBack().stream())
                .collect(java.util.stream.Collectors.toSet());
    }

    private static dev.promptloop.prompt.PromptVersion withVersion(dev.promptloop.prompt.PromptVersion version,
            int number) {
        return new dev.promptloop.prompt.PromptVersion(version.promptId(), number, version.template(),
                version.model(), version.protectedRules(), version.rules(), version.checks(), version.createdAt(),
                version.reason(), version.parentVersion(), version.evaluation());
    }
}
