package dev.promptloop.store;

import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.PromptRepository;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.refinement.RefinedVersion;
import dev.promptloop.refinement.VersionPublisher;
import dev.promptloop.render.Render;
import dev.promptloop.suite.CaseRepository;
import dev.promptloop.suite.RegressionCase;
import dev.promptloop.suite.SuiteChange;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a refinement's transaction does to the regression suite in DynamoDB: the cases it writes, and the ones it
 * drops to make room or because their inputs were criticised since, whether or not they are still there.
 */
@QuarkusTest
@PromptloopTest
class SuiteInRefinementTest {

    static final Map<String, String> INPUTS = Map.of("name", "Aurora Lamp", "price", "$49.99");

    @Inject
    Prompts prompts;
    @Inject
    PromptRepository repository;
    @Inject
    VersionPublisher publisher;
    @Inject
    CaseRepository suite;

    @Test
    void aRefinementReplacesTheKeepCaseOfInputsItLearnedFromInTheSameTransaction() {
        // given a version whose publication kept a well-rated render as a keep case
        String id = prompts.create(Prompts.uniqueId("suite-tx"), null);
        var keep = RegressionCase.keep(render(id, 1, "liked output"), HistoryEntry.REFINEMENT, Instant.now());
        publish(id, new SuiteChange(List.of(keep), List.of()));
        assertThat(suite.all(id)).extracting(RegressionCase::caseId).containsExactly(keep.caseId());

        // when the next refinement learns from critiques of the same inputs, dropping the keep case and a case
        // that is no longer there
        var fixed = RegressionCase.fixed(render(id, 2, "criticised output"), List.of(), 3, HistoryEntry.REFINEMENT,
                Instant.now());
        publish(id, new SuiteChange(List.of(fixed), List.of(keep.caseId(), "k-0000000000000000")));

        // then the suite holds the fixed case alone, and the version beside it
        assertThat(suite.all(id)).singleElement().satisfies(c -> {
            assertThat(c.caseId()).isEqualTo(fixed.caseId());
            assertThat(c.kind()).isEqualTo(RegressionCase.Kind.FIXED);
            assertThat(c.output()).contains("criticised output");
            assertThat(c.learnedBy()).contains(3);
        });
        assertThat(repository.head(id).orElseThrow().latestVersion()).isEqualTo(3);
    }

    /** Publishes the next version, as a refinement does, with this change to the suite. */
    private void publish(String id, SuiteChange change) {
        var head = repository.head(id).orElseThrow();
        var v1 = repository.version(id, 1).orElseThrow();
        int next = head.latestVersion() + 1;
        Instant now = Instant.now();
        var version = new PromptVersion(id, next, v1.template(), v1.model(), v1.protectedRules(),
                List.of(LearnedRule.learned("Rule " + next + ".", List.of(), next, now)), v1.checks(), now,
                "published by the test", 1, Optional.empty());
        var entry = HistoryEntry.moving(HistoryKind.REFINED, head, "candidate", next, "test", HistoryEntry.REFINEMENT,
                now);
        publisher.publish(new RefinedVersion(head, version, HeadUpdate.move(entry), List.of(), List.of(), List.of(),
                RefinementUsage.none(LocalDate.now(ZoneOffset.UTC)), change));
    }

    private static Render render(String id, int version, String output) {
        return new Render(id + "." + version + ".r", id, version, INPUTS, List.of(), Optional.of(output), "m",
                Optional.empty(), List.of(), Instant.now());
    }
}
