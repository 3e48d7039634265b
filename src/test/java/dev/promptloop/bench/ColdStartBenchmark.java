package dev.promptloop.bench;

import com.sun.net.httpserver.HttpServer;
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
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JVM start to first handled invocation of the packaged artifact, per handler: the function is started the way
 * Lambda's managed Java runtime starts it (AWS's runtime interface client calling the template's handler class)
 * against a minimal Lambda Runtime API on loopback, with QUARKUS_LAMBDA_HANDLER set as the template sets it and
 * DynamoDB at moto_server. Needs ./mvnw package first; run with
 * {@code ./mvnw test -Dtest=ColdStartBenchmark}. Writes target/benchmarks/cold-start.md.
 */
class ColdStartBenchmark {

    static final int RUNS = 3;
    static final String CREATE = "{\"action\":\"create\",\"id\":\"cold-%d\",\"template\":{\"user\":\"Hi {{name}}\"}}";
    static final String RENDER = "{\"promptId\":\"cold-0\",\"variables\":{\"name\":\"Ada\"},\"execute\":false}";
    static final String REFINE = "{\"Records\":[]}";

    @Test
    void firstInvocationPerHandler() throws Exception {
        LambdaEmulator.runnerJar();
        try (var moto = MotoServer.start(freePort(), Path.of("target", "moto-bench.log"))) {
            createTables(moto.endpoint());
            List<String> rows = new ArrayList<>();
            int run = 0;
            for (String handler : List.of("prompts", "render", "refine")) {
                long[] millis = new long[RUNS];
                String reply = "";
                for (int i = 0; i < RUNS; i++) {
                    String event = switch (handler) {
                        case "prompts" -> CREATE.formatted(run++);
                        case "render" -> RENDER;
                        default -> REFINE;
                    };
                    var result = LambdaEmulator.run(handler, List.of(event), moto.endpoint(), List.of());
                    millis[i] = result.firstResponseMillis();
                    reply = result.replies().get(0);
                }
                assertThat(reply).as(handler).contains("/invocation/req-0/response")
                        .doesNotContain("\"status\":5").doesNotContain("errorMessage");
                java.util.Arrays.sort(millis);
                rows.add("| %s | %d | %d | %d | `%s` |".formatted(handler, millis[0], millis[RUNS / 2],
                        millis[RUNS - 1], reply.length() > 60 ? reply.substring(0, 60) + "…" : reply));
            }
            String report = "# JVM start to first handled invocation (" + RUNS + " runs per handler, "
                    + System.getProperty("java.version") + ")\n\n| handler | min ms | median ms | max ms | reply |\n"
                    + "|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
            Files.createDirectories(Path.of("target/benchmarks"));
            Files.writeString(Path.of("target/benchmarks/cold-start.md"), report);
            System.out.println(report);
        }
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
