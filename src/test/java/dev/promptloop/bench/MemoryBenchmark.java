package dev.promptloop.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resident memory of the packaged render function after 1,000 invocations in a JVM sized for a 256 MB function
 * (simulated model, DynamoDB at moto_server). Needs ./mvnw package first; run with
 * {@code ./mvnw test -Dtest=MemoryBenchmark}. Writes target/benchmarks/memory.md.
 */
class MemoryBenchmark {

    static final int INVOCATIONS = 1_000;

    @Test
    void residentMemoryAfterAThousandRenders() throws Exception {
        try (var moto = ColdStartBenchmark.startMoto("moto-bench.log")) {
            var create = LambdaEmulator.run("prompts", List.of("{\"action\":\"create\",\"id\":\"memory\","
                    + "\"template\":{\"user\":\"Copy for {{name}} at {{price}}\"}}"), moto.endpoint(), List.of());
            assertThat(create.replies().get(0)).contains("\"version\":1");
            List<String> events = new ArrayList<>();
            for (int i = 0; i < INVOCATIONS; i++) {
                events.add("{\"promptId\":\"memory\",\"variables\":{\"name\":\"Lamp " + i + "\",\"price\":\"$" + i
                        + ".99\"}}");
            }

            var run = LambdaEmulator.run("render", events, moto.endpoint(), List.of("-XX:MaxRAM=256m"));

            assertThat(run.replies()).hasSize(INVOCATIONS).allMatch(r -> r.contains("\"renderId\""));
            String report = "# Resident memory\n\n" + INVOCATIONS + " render invocations (simulated model, DynamoDB at "
                    + "moto), JVM limited with -XX:MaxRAM=256m: resident set " + run.residentKilobytes() / 1024
                    + " MB after the last one.\n";
            Files.createDirectories(Path.of("target/benchmarks"));
            Files.writeString(Path.of("target/benchmarks/memory.md"), report);
            System.out.println(report);
        }
    }
}
