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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JVM start to first handled invocation of the packaged artifact, per handler: the function is started the way
 * Lambda's managed Java runtime starts it (AWS's runtime interface client calling the template's handler class)
 * against a minimal Lambda Runtime API on loopback, with QUARKUS_LAMBDA_HANDLER set as the template sets it and
 * DynamoDB at moto_server. Two baselines are built in the same run on the versions of the main pom and started the
 * same way: a bare Quarkus Lambda answering its input (src/test/baselines/echo), and one reading a DynamoDB item
 * (src/test/baselines/dynamodb). Runs are interleaved, one of each function per round, so drift of the machine hits
 * all alike. Needs ./mvnw package first; run with {@code ./mvnw test -Dtest=ColdStartBenchmark}. Writes
 * target/benchmarks/cold-start.md.
 */
class ColdStartBenchmark {

    static final int ROUNDS = 7;
    static final String CREATE = "{\"action\":\"create\",\"id\":\"cold-%d\",\"template\":{\"user\":\"Hi {{name}}\"}}";
    static final String RENDER = "{\"promptId\":\"cold-0\",\"variables\":{\"name\":\"Ada\"},\"execute\":false}";
    static final String REFINE = "{\"Records\":[]}";
    static final String GET_ITEM = "{\"table\":\"promptloop-prompts\",\"pk\":\"cold-0\",\"sk\":\"HEAD\"}";

    record Function(String name, Path jar, String handler, IntFunction<String> event) {
    }

    @Test
    void firstInvocationPerHandler() throws Exception {
        Path promptloop = LambdaEmulator.runnerJar();
        var versions = MainPomVersions.read();
        List<Function> functions = List.of(
                new Function("baseline: bare Quarkus Lambda (echo)", buildBaseline("echo", versions), "echo",
                        round -> "{\"round\":" + round + "}"),
                new Function("baseline: Quarkus Lambda reading one DynamoDB item", buildBaseline("dynamodb", versions),
                        "get-item", round -> GET_ITEM),
                new Function("prompts (creates a prompt)", promptloop, "prompts", CREATE::formatted),
                new Function("render (reads head and version, writes the render)", promptloop, "render",
                        round -> RENDER),
                new Function("refine (empty stream batch)", promptloop, "refine", round -> REFINE));
        try (var moto = MotoServer.start(freePort(), Path.of("target", "moto-bench.log"))) {
            createTables(moto.endpoint());
            Map<String, long[]> millis = new LinkedHashMap<>();
            functions.forEach(f -> millis.put(f.name(), new long[ROUNDS]));
            for (int round = 0; round < ROUNDS; round++) {
                for (Function function : functions) {
                    millis.get(function.name())[round] = coldStart(function, round, moto.endpoint());
                }
            }
            millis.values().forEach(Arrays::sort);
            long echo = median(millis.get(functions.get(0).name()));
            long getItem = median(millis.get(functions.get(1).name()));
            List<String> rows = new ArrayList<>();
            millis.forEach((name, sorted) -> rows.add("| %s | %d | %d | %d | %.2f× | %.2f× |".formatted(name,
                    sorted[0], median(sorted), sorted[ROUNDS - 1], (double) median(sorted) / echo,
                    (double) median(sorted) / getItem)));
            String report = "# JVM start to first handled invocation (" + ROUNDS + " interleaved rounds, "
                    + System.getProperty("java.version") + ")\n\n| function | min ms | median ms | max ms "
                    + "| median / echo baseline | median / DynamoDB baseline |\n|---|---|---|---|---|---|\n"
                    + String.join("\n", rows) + "\n";
            Files.createDirectories(Path.of("target/benchmarks"));
            Files.writeString(Path.of("target/benchmarks/cold-start.md"), report);
            System.out.println(report);
        }
    }

    /** One fresh JVM's first-invocation time; it must have answered without an error. */
    private static long coldStart(Function function, int round, String dynamoEndpoint) throws Exception {
        var result = LambdaEmulator.run(function.jar(), function.handler(), List.of(function.event().apply(round)),
                dynamoEndpoint, List.of());
        assertThat(result.replies().get(0)).as(function.name()).contains("/invocation/req-0/response")
                .doesNotContain("\"status\":5").doesNotContain("errorMessage");
        return result.firstResponseMillis();
    }

    private static long median(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    /** The main pom's versions the baselines are built on. */
    record MainPomVersions(String quarkusPlatform, String amazonServices, String awsSdk) {
        static MainPomVersions read() throws IOException {
            String pom = Files.readString(Path.of("pom.xml"));
            return new MainPomVersions(property(pom, "quarkus.platform.version"),
                    property(pom, "quarkus-amazon-services.version"), property(pom, "aws-sdk.version"));
        }

        private static String property(String pom, String name) {
            Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)<").matcher(pom);
            assertThat(value.find()).as(name + " in pom.xml").isTrue();
            return value.group(1);
        }
    }

    /** Builds src/test/baselines/{name} with this project's wrapper on the main pom's versions. */
    private static Path buildBaseline(String name, MainPomVersions versions) throws Exception {
        Path project = Path.of("src", "test", "baselines", name);
        Process build = new ProcessBuilder("./mvnw", "-B", "-q", "-f", project.resolve("pom.xml").toString(),
                "package", "-Dquarkus.platform.version=" + versions.quarkusPlatform(),
                "-Dquarkus-amazon-services.version=" + versions.amazonServices(),
                "-Daws-sdk.version=" + versions.awsSdk())
                .redirectErrorStream(true).redirectOutput(Path.of("target", "baseline-" + name + "-build.log").toFile())
                .start();
        assertThat(build.waitFor(10, TimeUnit.MINUTES) && build.exitValue() == 0)
                .as("baseline build, see target/baseline-" + name + "-build.log").isTrue();
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
