package dev.promptloop.bench;

import dev.promptloop.bench.LambdaEmulator.Launch;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an init ahead of traffic takes off the first request (PrimedStreamHandler): the packaged prompts and render
 * functions under AWS's runtime interface client, initialised on demand, for provisioned concurrency and for SnapStart
 * (the runtime client runs the checkpoint hooks and asks for the restore; no snapshot is taken, so Lambda's restore
 * time is not in these figures). 7 interleaved rounds; reports the first invocation's own duration (event handed out
 * to response) and JVM start to first response. Needs ./mvnw package first; run with
 * {@code ./mvnw test -Dtest=PrimingBenchmark}. Writes target/benchmarks/priming.md.
 */
class PrimingBenchmark {

    static final int ROUNDS = 7;
    static final List<String> INITIALIZATION_TYPES = List.of("on-demand", "provisioned-concurrency", "snap-start");

    record Start(String handler, String initializationType) {
    }

    private int created;

    @Test
    void firstInvocationPerInitialisationType() throws Exception {
        try (var moto = ColdStartBenchmark.startMoto("moto-priming.log")) {
            ColdStartBenchmark.seedPrompt(moto.endpoint());
            Map<Start, long[][]> millis = new LinkedHashMap<>();
            for (String handler : List.of("prompts", "render")) {
                INITIALIZATION_TYPES.forEach(type -> millis.put(new Start(handler, type), new long[2][ROUNDS]));
            }
            for (int round = 0; round < ROUNDS; round++) {
                for (var entry : millis.entrySet()) {
                    var run = start(entry.getKey(), moto.endpoint());
                    entry.getValue()[0][round] = run.firstInvocationMillis();
                    entry.getValue()[1][round] = run.firstResponseMillis();
                }
            }
            List<String> rows = new ArrayList<>();
            millis.forEach((start, runs) -> {
                Arrays.sort(runs[0]);
                Arrays.sort(runs[1]);
                rows.add("| %s | %s | %d | %d |".formatted(start.handler(), start.initializationType(),
                        runs[0][ROUNDS / 2], runs[1][ROUNDS / 2]));
            });
            String report = "# First invocation per Lambda initialisation type (JDK " + Runtime.version().feature()
                    + ", medians of " + ROUNDS + " interleaved rounds)\n\n"
                    + "| function | initialisation | first invocation ms | JVM start to first response ms |\n"
                    + "|---|---|---|---|\n" + String.join("\n", rows) + "\n";
            Files.createDirectories(Path.of("target/benchmarks"));
            Files.writeString(Path.of("target/benchmarks/priming.md"), report);
            System.out.println(report);
        }
    }

    private LambdaEmulator.Run start(Start start, String dynamoEndpoint) throws Exception {
        String event = start.handler().equals("render") ? ColdStartBenchmark.RENDER
                : ColdStartBenchmark.CREATE.formatted(1000 + created++);
        var run = LambdaEmulator.run(Launch.promptloop(start.handler())
                .withEnvironment(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", start.initializationType())),
                List.of(event), dynamoEndpoint);
        assertThat(run.replies().get(0)).as(start.toString()).doesNotContain("\"status\":5")
                .doesNotContain("errorMessage");
        return run;
    }
}
