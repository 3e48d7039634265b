package dev.promptloop.bench;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.RenderHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.render.RoundTripsTest;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Render-handler latency over warm renders: an HTTP API event in, the response out, against moto_server with the
 * model stubbed by WireMock on loopback, with the production cache settings (a warm render writes once). Not part of ./mvnw verify; run it with
 * {@code ./mvnw test -Dtest=RenderLatencyBenchmark}. Writes target/benchmarks/render-latency.md.
 */
@QuarkusTest
@PromptloopTest
@TestProfile(RoundTripsTest.WarmCache.class)
class RenderLatencyBenchmark {

    static final int WARMUP = 300;
    static final int RENDERS = 1_000;

    @Inject
    Prompts prompts;
    @Inject
    RenderHandler render;
    @InjectWireMock
    WireMockServer model;

    @Test
    void warmRenders() throws Exception {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Aurora Lamp, $49.99, #FF5733.");
        String id = prompts.create(Prompts.uniqueId("bench"), null);
        var vars = JSON.createObjectNode();
        Prompts.ROW.forEach(vars::put);
        var event = v2(Route.RENDER, Map.of("id", id), "{\"variables\": " + vars + "}");
        var noModel = v2(Route.RENDER, Map.of("id", id), "{\"variables\": " + vars + ", \"execute\": false}");

        for (int i = 0; i < WARMUP; i++) {
            assertThat(status(render.handleRequest(event, null))).isEqualTo(200);
        }
        Percentiles executed = measure(event);
        Percentiles messagesOnly = measure(noModel);

        String report = """
                # Render handler latency (%d warm renders each, after %d warm-up renders)

                | case | p50 µs | p90 µs | p99 µs | max µs |
                |---|---|---|---|---|
                | render + model call (WireMock) | %.0f | %.0f | %.0f | %.0f |
                | render, `execute: false` | %.0f | %.0f | %.0f | %.0f |
                """.formatted(RENDERS, WARMUP,
                executed.p50Micros(), executed.p90Micros(), executed.p99Micros(), executed.maxMicros(),
                messagesOnly.p50Micros(), messagesOnly.p90Micros(), messagesOnly.p99Micros(), messagesOnly.maxMicros());
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/render-latency.md"), report);
        System.out.println(report);
    }

    private Percentiles measure(com.fasterxml.jackson.databind.JsonNode event) {
        long[] nanos = new long[RENDERS];
        for (int i = 0; i < RENDERS; i++) {
            long start = System.nanoTime();
            var response = render.handleRequest(event, null);
            nanos[i] = System.nanoTime() - start;
            assertThat(status(response)).isEqualTo(200);
        }
        return Percentiles.ofNanos(nanos);
    }
}
