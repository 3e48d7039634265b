package dev.promptloop.evaluation;

/**
 * Bayesian comparison of two rates from success/failure counts, each with a uniform Beta(1, 1) prior. The posteriors
 * are integrated numerically on a fine grid: exact enough for decisions at 0.9-0.99 confidence, deterministic, and
 * free of sampling noise.
 */
public final class BetaBinomial {

    private static final int GRID = 4_000;

    private BetaBinomial() {
    }

    /** P(rate A > rate B + margin) given successes and failures of each. */
    public static double probabilityGreater(long successesA, long failuresA, long successesB, long failuresB,
            double margin) {
        double[] a = posterior(successesA, failuresA);
        double[] b = posterior(successesB, failuresB);
        double[] cdfB = new double[GRID];
        double running = 0;
        for (int i = 0; i < GRID; i++) {
            running += b[i];
            cdfB[i] = running;
        }
        double probability = 0;
        for (int i = 0; i < GRID; i++) {
            double x = point(i) - margin;
            if (x <= 0) {
                continue;
            }
            int below = (int) Math.floor(x * GRID - 0.5);
            double cumulative = below < 0 ? 0 : below >= GRID ? 1 : cdfB[below];
            probability += a[i] * cumulative;
        }
        return Math.min(1, Math.max(0, probability));
    }

    /** The posterior mean of a rate. */
    public static double mean(long successes, long failures) {
        return (successes + 1.0) / (successes + failures + 2.0);
    }

    private static double[] posterior(long successes, long failures) {
        double[] density = new double[GRID];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < GRID; i++) {
            double x = point(i);
            density[i] = successes * Math.log(x) + failures * Math.log1p(-x);
            max = Math.max(max, density[i]);
        }
        double sum = 0;
        for (int i = 0; i < GRID; i++) {
            density[i] = Math.exp(density[i] - max);
            sum += density[i];
        }
        for (int i = 0; i < GRID; i++) {
            density[i] /= sum;
        }
        return density;
    }

    private static double point(int i) {
        return (i + 0.5) / GRID;
    }
}
