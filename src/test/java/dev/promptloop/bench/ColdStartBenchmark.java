package dev.promptloop.bench;

import dev.promptloop.local.MotoServer;
import dev.promptloop.store.TableNames;
import dev.promptloop.store.TableSetup;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JVM start to first handled invocation of the packaged artifact, per handler: the function is started the way
 * Lambda's managed Java runtime starts it (AWS's runtime interface client calling the template's handler class)
 * against a minimal Lambda Runtime API on loopback, with QUARKUS_LAMBDA_HANDLER set as the template sets it and
 * DynamoDB at moto_server. In the same run, the same way, a bare Quarkus Lambda (src/test/bare-lambda: one echo
 * handler, built here on the main pom's Quarkus platform version) gives the baseline each handler is divided by.
 * Needs ./mvnw package first; run with {@code ./mvnw test -Dtest=ColdStartBenchmark}. Writes
 * target/benchmarks/cold-start.md.
 */
class ColdStartBenchmark {

    static final int RUNS = 3;
    static final String CREATE = "{\"action\":\"create\",\"id\":\"cold-%d\",\"template\":{\"user\":\"Hi {{name}}\"}}";
    static final String RENDER = "{\"promptId\":\"cold-0\",\"variables\":{\"name\":\"Ada\"},\"execute\":false}";
    static final String REFINE = "{\"Records\":[]}";

    @Test
    void firstInvocationPerHandler() throws Exception {
        Path promptloop = LambdaEmulator.runnerJar();
        Path bare = buildBareLambda();
        try (var moto = MotoServer.start(freePort(), Path.of("target", "moto-bench.log"))) {
            createTables(moto.endpoint());
            long[] baseline = coldStarts(bare, "echo", i -> "{\"ping\":" + i + "}", moto.endpoint());
            List<String> rows = new ArrayList<>();
            rows.add(row("bare Quarkus Lambda (echo)", baseline, baseline));
            for (String handler : List.of("prompts", "render", "refine")) {
                IntFunction<String> event = switch (handler) {
                    case "prompts" -> i -> CREATE.formatted(i);
                    case "render" -> i -> RENDER;
                    default -> i -> REFINE;
                };
                rows.add(row(handler, coldStarts(promptloop, handler, event, moto.endpoint()), baseline));
            }
            String report = "# JVM start to first handled invocation (" + RUNS + " runs each, "
                    + System.getProperty("java.version") + ")\n\n| function | min ms | median ms | max ms "
                    + "| median / bare median |\n|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
            Files.createDirectories(Path.of("target/benchmarks"));
            Files.writeString(Path.of("target/benchmarks/cold-start.md"), report);
            System.out.println(report);
        }
    }

    /** Sorted first-invocation times of {@code RUNS} fresh JVMs; each must have answered without an error. */
    private static long[] coldStarts(Path jar, String handler, IntFunction<String> event, String dynamoEndpoint)
            throws Exception {
        long[] millis = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            var result = LambdaEmulator.run(jar, handler, List.of(event.apply(i)), dynamoEndpoint, List.of());
            assertThat(result.replies().get(0)).as(handler).contains("/invocation/req-0/response")
                    .doesNotContain("\"status\":5").doesNotContain("errorMessage");
            millis[i] = result.firstResponseMillis();
        }
        Arrays.sort(millis);
        return millis;
    }

    private static String row(String function, long[] millis, long[] baseline) {
        return "| %s | %d | %d | %d | %.2f× |".formatted(function, millis[0], millis[RUNS / 2], millis[RUNS - 1],
                (double) millis[RUNS / 2] / baseline[RUNS / 2]);
    }

    /** Builds src/test/bare-lambda with this project's wrapper on the Quarkus platform version of the main pom. */
    private static Path buildBareLambda() throws Exception {
        Matcher version = Pattern.compile("<quarkus.platform.version>([^<]+)<")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(version.find()).as("quarkus.platform.version in pom.xml").isTrue();
        Path project = Path.of("src", "test", "bare-lambda");
        Process build = new ProcessBuilder("./mvnw", "-B", "-q", "-f", project.resolve("pom.xml").toString(),
                "package", "-Dquarkus.platform.version=" + version.group(1))
                .redirectErrorStream(true).redirectOutput(Path.of("target", "bare-lambda-build.log").toFile())
                .start();
        assertThat(build.waitFor(10, TimeUnit.MINUTES) && build.exitValue() == 0)
                .as("bare Lambda build, see target/bare-lambda-build.log").isTrue();
        return LambdaEmulator.runnerJar(project.resolve("target"));
    }

    static void createTables(String endpoint) {
        try (var dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
                .build()) {
            TableSetup.ensureTables(dynamo, new TableNames() {
                public String prompts() {
                    return "promptloop-prompts";
                }

                public String renders() {
                    return "promptloop-renders";
                }

                public String feedback() {
                    return "promptloop-feedback";
                }

                public String idempotency() {
                    return "promptloop-idempotency";
                }
            });
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
