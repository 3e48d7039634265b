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
        Path jar = Files.list(Path.of("target")).filter(p -> p.getFileName().toString().endsWith("-runner.jar"))
                .findFirst().orElseThrow(() -> new IllegalStateException("run ./mvnw package first"));
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
                    var result = invokeOnce(jar, handler, event, moto.endpoint());
                    millis[i] = result.millis();
                    reply = result.body();
                }
                assertThat(reply).as(handler).doesNotContain("\"status\":5").doesNotContain("errorMessage");
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

    record Invocation(long millis, String body) {
    }

    /** Starts the function, hands it one event through the Runtime API, and times start to response. */
    private static Invocation invokeOnce(Path jar, String handler, String event, String endpoint) throws Exception {
        var response = new CompletableFuture<String>();
        var served = new CountDownLatch(1);
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        api.createContext("/2018-06-01/runtime/invocation/next", exchange -> {
            if (served.getCount() == 0) {
                return; // hold the second poll open; the process is stopped after the first response
            }
            served.countDown();
            byte[] body = event.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", "req-1");
            exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
                    Long.toString(System.currentTimeMillis() + 30_000));
            exchange.getResponseHeaders().set("Lambda-Runtime-Trace-Id",
                    "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0");
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn",
                    "arn:aws:lambda:us-east-1:000000000000:function:" + handler);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.createContext("/2018-06-01/runtime/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
            response.complete(exchange.getRequestURI().getPath() + " " + body);
        });
        api.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        api.start();
        String runtimeClient = java.util.Arrays.stream(System.getProperty("java.class.path")
                        .split(java.io.File.pathSeparator))
                .filter(entry -> entry.contains("aws-lambda-java-runtime-interface-client")
                        || entry.contains("aws-lambda-java-serialization"))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
        // the JVM options of Lambda's managed Java runtimes
        var builder = new ProcessBuilder("java", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", jar + java.io.File.pathSeparator + runtimeClient,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest").redirectErrorStream(true).redirectOutput(Path.of("target", "cold-start-" + handler
                        + ".log").toFile());
        var env = builder.environment();
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.getAddress().getPort());
        env.put("QUARKUS_LAMBDA_HANDLER", handler);
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", endpoint);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        env.put("PROMPTLOOP_MODEL_PROVIDER", "simulated");
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            String reply = response.get(60, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(reply).as("reply of %s", handler).contains("/invocation/req-1/response");
            return new Invocation(millis, reply.substring(reply.indexOf(' ') + 1));
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            api.stop(0);
        }
    }

    private static void createTables(String endpoint) {
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
