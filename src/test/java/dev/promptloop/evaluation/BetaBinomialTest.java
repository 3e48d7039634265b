package dev.promptloop.evaluation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BetaBinomialTest {

    @Test
    void equalEvidenceIsACoinFlip() {
        assertThat(BetaBinomial.probabilityGreater(10, 10, 10, 10, 0)).isCloseTo(0.5, within(0.01));
        assertThat(BetaBinomial.probabilityGreater(0, 0, 0, 0, 0)).isCloseTo(0.5, within(0.01));
    }

    @Test
    void strongEvidenceIsConfidentAndSymmetric() {
        double better = BetaBinomial.probabilityGreater(18, 2, 5, 15, 0);
        double worse = BetaBinomial.probabilityGreater(5, 15, 18, 2, 0);

        assertThat(better).isGreaterThan(0.999);
        assertThat(better + worse).isCloseTo(1.0, within(0.001));
    }

    @Test
    void matchesTheKnownClosedFormForSmallCounts() {
        // A ~ Beta(2,1), B ~ Beta(1,1): P(A > B) = integral of 2x * x dx = 2/3
        assertThat(BetaBinomial.probabilityGreater(1, 0, 0, 0, 0)).isCloseTo(2.0 / 3, within(0.002));
    }

    @Test
    void aMarginMakesTheSameEvidenceLessConvincing() {
        double plain = BetaBinomial.probabilityGreater(12, 8, 8, 12, 0);
        double withMargin = BetaBinomial.probabilityGreater(12, 8, 8, 12, 0.1);

        assertThat(withMargin).isLessThan(plain);
    }

    @Test
    void posteriorMeanUsesTheUniformPrior() {
        assertThat(BetaBinomial.mean(3, 1)).isEqualTo(4.0 / 6);
    }
}
