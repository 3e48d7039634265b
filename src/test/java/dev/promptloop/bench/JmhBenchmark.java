package dev.promptloop.bench;

import dev.promptloop.bench.jmh.RenderHandlerWork;
import dev.promptloop.bench.jmh.TemplateRendering;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * JMH: template rendering (beside jmustache on the same template) and the render handler's own work with I/O
 * stubbed, in sample-time mode for p50/p99. Run with {@code ./mvnw test -Dtest=JmhBenchmark}; writes
 * target/benchmarks/jmh.md.
 */
class JmhBenchmark {

    @Test
    void run() throws Exception {
        var options = new OptionsBuilder()
                .include(TemplateRendering.class.getName())
                .include(RenderHandlerWork.class.getName())
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.NANOSECONDS)
                .warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .forks(1)
                .threads(1)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        var report = new StringBuilder("# JMH (sample time, 1 thread, 1 fork, ")
                .append(System.getProperty("java.version")).append(")\n\n| benchmark | p50 | p99 | samples |\n|---|---|---|---|\n");
        for (RunResult result : results) {
            var statistics = result.getPrimaryResult().getStatistics();
            report.append(String.format(Locale.ROOT, "| %s | %s | %s | %d |%n",
                    result.getParams().getBenchmark().replace("dev.promptloop.bench.jmh.", ""),
                    nanos(statistics.getPercentile(50)), nanos(statistics.getPercentile(99)), statistics.getN()));
        }
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/jmh.md"), report.toString());
        System.out.println(report);
    }

    private static String nanos(double value) {
        return value >= 1000 ? String.format(Locale.ROOT, "%.1f µs", value / 1000) : String.format(Locale.ROOT, "%.0f ns", value);
    }
}
