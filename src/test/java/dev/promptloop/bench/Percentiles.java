package dev.promptloop.bench;

import java.util.Arrays;

/** Latency summaries for benchmark reports. */
record Percentiles(int samples, double p50Micros, double p90Micros, double p99Micros, double maxMicros) {

    static Percentiles ofNanos(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99),
                sorted[sorted.length - 1] / 1000.0);
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1000.0;
    }
}
