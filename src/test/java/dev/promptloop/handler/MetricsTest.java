package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTest {

    @Test
    void anEmissionIsOneLineOfEmbeddedMetricFormat() throws Exception {
        var buffer = new ByteArrayOutputStream();
        var metrics = new Metrics(new PrintStream(buffer, true, StandardCharsets.UTF_8),
                Clock.fixed(Instant.ofEpochMilli(1_795_694_400_000L), ZoneOffset.UTC));

        metrics.of("render").milliseconds("Latency", 12.5).count("Tokens", 42).emit();

        String output = buffer.toString(StandardCharsets.UTF_8);
        assertThat(output.lines()).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(output);
        assertThat(line.at("/_aws/Timestamp").asLong()).isEqualTo(1_795_694_400_000L);
        JsonNode directive = line.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.get("Namespace").asText()).isEqualTo("Promptloop");
        assertThat(directive.at("/Dimensions/0/0").asText()).isEqualTo("Handler");
        assertThat(directive.at("/Metrics/0/Name").asText()).isEqualTo("Latency");
        assertThat(directive.at("/Metrics/0/Unit").asText()).isEqualTo("Milliseconds");
        assertThat(directive.at("/Metrics/1/Unit").asText()).isEqualTo("Count");
        assertThat(line.get("Handler").asText()).isEqualTo("render");
        assertThat(line.get("Latency").asDouble()).isEqualTo(12.5);
        assertThat(line.get("Tokens").asDouble()).isEqualTo(42);
    }

    @Test
    void nothingMeasuredEmitsNothing() {
        var buffer = new ByteArrayOutputStream();
        new Metrics(new PrintStream(buffer, true, StandardCharsets.UTF_8), Clock.systemUTC()).of("render").emit();

        assertThat(buffer.size()).isZero();
    }
}
