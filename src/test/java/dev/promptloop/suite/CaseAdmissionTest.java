package dev.promptloop.suite;

import dev.promptloop.check.OutputCheck;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The suite stays bounded as refinements add cases, and what it drops is what matters least. */
class CaseAdmissionTest {

    static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void inputsThatDifferOnlyInCaseSpacingAndPunctuationAreOneCase() {
        var a = Map.of("name", "Aurora  Lamp!", "price", "$49.99");
        var b = Map.of("price", "$49 99", "name", "aurora lamp");

        assertThat(RegressionCase.inputKey(a)).isEqualTo(RegressionCase.inputKey(b));
        assertThat(RegressionCase.id(RegressionCase.Kind.FIXED, a)).isEqualTo(RegressionCase.id(RegressionCase.Kind.FIXED, b))
                .matches("f-[0-9a-f]{16}");
        assertThat(RegressionCase.id(RegressionCase.Kind.FIXED, a)).isNotEqualTo(
                RegressionCase.id(RegressionCase.Kind.FIXED, Map.of("name", "Borealis Lamp", "price", "$49.99")));
    }

    @Test
    void aNewFixedCaseReplacesItsNearDuplicateAndDropsTheKeepCaseOfTheSameInputs() {
        // given a suite with a fixed case and a keep case of one input
        var old = fixed("Aurora Lamp", T0, "f-old");
        var kept = keep("Aurora Lamp", T0);

        // when the same input is criticised and learned from again, written twice in one refinement
        var again = fixed("aurora lamp", T0.plusSeconds(60), "f-new");
        var twice = fixed("Aurora Lamp.", T0.plusSeconds(60), "f-newer");
        var change = CaseAdmission.admit(List.of(old, kept), List.of(again, twice));

        // then one case is written, with both refinements' critiques, and the keep case is dropped
        assertThat(change.puts()).hasSize(1);
        assertThat(change.puts().get(0).caseId()).isEqualTo(old.caseId());
        assertThat(change.puts().get(0).critiques()).containsExactly("f-new", "f-newer");
        assertThat(change.deletes()).containsExactly(kept.caseId());
    }

    @Test
    void aKeepCaseArrivingWithAFixedCaseOfItsInputsDoesNotArrive() {
        var stored = keep("Aurora Lamp", T0);

        var change = CaseAdmission.admit(List.of(stored), List.of(keep("Aurora Lamp", T0.plusSeconds(9)),
                fixed("Aurora Lamp", T0.plusSeconds(9), "c")));

        assertThat(change.puts()).extracting(RegressionCase::kind).containsExactly(RegressionCase.Kind.FIXED);
        assertThat(change.deletes()).containsExactly(stored.caseId());
    }

    @Test
    void overTheBoundTheOldestLearnedCasesGoAndTheOwnersCasesStay() {
        // given a full suite: the owner's cases, the oldest of all, and learned cases after them
        List<RegressionCase> suite = new ArrayList<>();
        for (int i = 0; i < CaseAdmission.MAX_OWNER_CASES; i++) {
            suite.add(RegressionCase.owner(Map.of("name", "owner " + i), List.of(new OutputCheck.Contains("x", false)),
                    Optional.empty(), 1, "owner", T0.minusSeconds(1_000)));
        }
        for (int i = 0; suite.size() < CaseAdmission.MAX_CASES; i++) {
            suite.add(fixed("learned " + i, T0.plusSeconds(i), "c"));
        }

        // when a refinement adds three new cases
        var arriving = List.of(fixed("new 1", T0.plusSeconds(10_000), "c"), fixed("new 2", T0.plusSeconds(10_000), "c"),
                fixed("new 3", T0.plusSeconds(10_000), "c"));
        var change = CaseAdmission.admit(suite, arriving);

        // then they are written, and the three oldest learned cases make room for them
        assertThat(change.puts()).containsExactlyElementsOf(arriving);
        assertThat(change.deletes()).containsExactly(fixed("learned 0", T0, "c").caseId(),
                fixed("learned 1", T0, "c").caseId(), fixed("learned 2", T0, "c").caseId());
    }

    @Test
    void keepCasesHaveTheirOwnSmallerBound() {
        List<RegressionCase> suite = new ArrayList<>();
        for (int i = 0; i < CaseAdmission.MAX_KEEP; i++) {
            suite.add(keep("liked " + i, T0.plusSeconds(i)));
        }

        var change = CaseAdmission.admit(suite, List.of(keep("liked again", T0.plusSeconds(1_000))));

        assertThat(change.puts()).hasSize(1);
        assertThat(change.deletes()).containsExactly(keep("liked 0", T0).caseId());
    }

    @Test
    void nothingArrivingChangesNothing() {
        assertThat(CaseAdmission.admit(List.of(keep("x", T0)), List.of())).isEqualTo(SuiteChange.NONE);
    }

    private static RegressionCase fixed(String name, Instant at, String critique) {
        var variables = Map.of("name", name);
        return new RegressionCase(RegressionCase.id(RegressionCase.Kind.FIXED, variables), RegressionCase.Kind.FIXED,
                variables, Optional.of("out"), List.of(critique), List.of(critique), 1, Optional.of(2), List.of(),
                Optional.empty(), "refine", at);
    }

    private static RegressionCase keep(String name, Instant at) {
        var variables = Map.of("name", name);
        return new RegressionCase(RegressionCase.id(RegressionCase.Kind.KEEP, variables), RegressionCase.Kind.KEEP,
                variables, Optional.of("liked"), List.of(), List.of(), 1, Optional.empty(), List.of(),
                Optional.empty(), "refine", at);
    }
}
