package dev.promptloop.bench;

import dev.promptloop.bench.LambdaEmulator.Launch;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JVM start to first handled invocation of the packaged artifact, per handler: the function is started the way
 * Lambda's managed Java runtime starts it (function.zip unpacked as the working directory, AWS's runtime interface
 * client loading the template's handler class through its own class loader) against a minimal Lambda Runtime API on
 * loopback, with QUARKUS_LAMBDA_HANDLER set as the template sets it and DynamoDB at moto_server. Three baselines are
 * built in the same run on the versions of the main pom and started the same way: a bare Quarkus Lambda answering its
 * input (src/test/baselines/echo), one reading a DynamoDB item (src/test/baselines/dynamodb), and the same with the
 * Quarkus extensions Promptloop boots but none of its code (src/test/baselines/extensions). Runs are interleaved, one of each function per round, so drift of the machine hits
 * all alike.
 *
 * <p>With {@code AOT_JAVA_HOME} pointing at a JDK 25 or newer, every function is also started on that JDK, plain and
 * with a JDK AOT cache (JEP 483/514/515) made by one training run of the same function on that JDK; the training runs
 * are not timed. An AOT cache only holds classes of the JDK's own class loaders, so cached functions run with their
 * jar on the class path, as a container image with its own java entrypoint would run them.
 *
 * <p>Needs ./mvnw package first; run with {@code ./mvnw test -Dtest=ColdStartBenchmark}. Writes
 * target/benchmarks/cold-start.md.
 */
class ColdStartBenchmark {

    static final int ROUNDS = 7;
    static final String CREATE = "{\"action\":\"create\",\"id\":\"cold-%d\",\"template\":{\"user\":\"Hi {{name}}\"}}";
    static final String SEED = "cold-seed";
    static final String RENDER = "{\"promptId\":\"" + SEED + "\",\"variables\":{\"name\":\"Ada\"},\"execute\":false}";
    static final String REFINE = "{\"Records\":[]}";
    static final String GET_ITEM = "{\"table\":\"promptloop-prompts\",\"pk\":\"" + SEED + "\",\"sk\":\"HEAD\"}";

    /** One packaged function; {@code event} gives the event of the n-th start, so no two starts create the same id. */
    record Function(String key, String name, LambdaEmulator.Launch launch, IntFunction<String> event) {
    }

    /** How a function is started: on which {@code java}, and with which AOT cache (or none). */
    record Jvm(String label, String java, boolean aotCache) {
        List<String> options(Function function) {
            return aotCache ? List.of("-XX:AOTCache=" + cacheOf(function)) : List.of();
        }

        /** An AOT cache holds only classes of the JDK's own loaders, so a cached function runs from the class path. */
        Launch launch(Function function) throws Exception {
            Launch launch = function.launch().on(java).withJvmOptions(options(function));
            return aotCache ? launch.onClassPath() : launch;
        }
    }

    record Start(Function function, Jvm jvm) {
        String row() {
            return "| " + function.name() + " | " + jvm.label() + " |";
        }
    }

    private final AtomicInteger starts = new AtomicInteger();

    @Test
    void firstInvocationPerHandler() throws Exception {
        var versions = MainPomVersions.read();
        List<Function> functions = List.of(
                new Function("echo", "baseline: bare Quarkus Lambda (echo)", baseline("echo", "echo", versions),
                        n -> "{\"round\":" + n + "}"),
                new Function("get-item", "baseline: Quarkus Lambda reading one DynamoDB item",
                        baseline("dynamodb", "get-item", versions), n -> GET_ITEM),
                new Function("extensions", "baseline: the same with Promptloop's extensions, none of its code",
                        baseline("extensions", "get-item", versions), n -> GET_ITEM),
                new Function("prompts", "prompts (creates a prompt)", Launch.promptloop("prompts"),
                        CREATE::formatted),
                new Function("render", "render (reads head and version, writes the render)",
                        Launch.promptloop("render"), n -> RENDER),
                new Function("refine", "refine (empty stream batch)", Launch.promptloop("refine"), n -> REFINE));
        List<Jvm> jvms = jvms();
        try (var moto = startMoto("moto-bench.log")) {
            seedPrompt(moto.endpoint());
            for (Jvm jvm : jvms) {
                if (jvm.aotCache()) {
                    for (Function function : functions) {
                        train(function, jvm, moto.endpoint());
                    }
                }
            }
            List<Start> starts = new ArrayList<>();
            functions.forEach(function -> jvms.forEach(jvm -> starts.add(new Start(function, jvm))));
            Map<Start, long[]> millis = new LinkedHashMap<>();
            starts.forEach(start -> millis.put(start, new long[ROUNDS]));
            for (int round = 0; round < ROUNDS; round++) {
                for (Start start : starts) {
                    millis.get(start)[round] = coldStart(start, moto.endpoint());
                }
            }
            millis.values().forEach(Arrays::sort);
            report(functions, jvms, millis);
        }
    }

    /** The test's own JDK; with AOT_JAVA_HOME set, that JDK (25 or newer) plain and with an AOT cache. */
    private static List<Jvm> jvms() throws Exception {
        List<Jvm> jvms = new ArrayList<>(List.of(new Jvm("JDK " + Runtime.version().feature(), "java", false)));
        String home = System.getenv("AOT_JAVA_HOME");
        if (home != null && !home.isBlank()) {
            String java = Path.of(home, "bin", "java").toString();
            int feature = featureVersion(java);
            assertThat(feature).as("AOT_JAVA_HOME must be a JDK 25 or newer").isGreaterThanOrEqualTo(25);
            jvms.add(new Jvm("JDK " + feature, java, false));
            jvms.add(new Jvm("JDK " + feature + " + AOT cache", java, true));
        }
        return jvms;
    }

    private static int featureVersion(String java) throws Exception {
        Process version = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
        String output = new String(version.getInputStream().readAllBytes());
        version.waitFor();
        Matcher feature = Pattern.compile("version \"(\\d+)").matcher(output);
        assertThat(feature.find()).as(output).isTrue();
        return Integer.parseInt(feature.group(1));
    }

    /** One untimed training run whose exit writes the function's AOT cache. */
    private void train(Function function, Jvm jvm, String dynamoEndpoint) throws Exception {
        Path cache = cacheOf(function);
        Files.createDirectories(cache.getParent());
        Files.deleteIfExists(cache);
        var result = LambdaEmulator.run(function.launch().on(jvm.java()).onClassPath()
                        .withJvmOptions(List.of("-XX:AOTCacheOutput=" + cache)),
                List.of(function.event().apply(starts.incrementAndGet())), dynamoEndpoint);
        assertThat(result.replies().get(0)).as("training " + function.name()).doesNotContain("\"status\":5")
                .doesNotContain("errorMessage");
        assertThat(cache).as("AOT cache written when the training run exits").exists();
    }

    private static Path cacheOf(Function function) {
        return Path.of("target", "aot", function.key() + ".aot").toAbsolutePath();
    }

    /** One fresh JVM's first-invocation time; it must have answered without an error. */
    private long coldStart(Start start, String dynamoEndpoint) throws Exception {
        Function function = start.function();
        var result = LambdaEmulator.run(start.jvm().launch(function),
                List.of(function.event().apply(starts.incrementAndGet())), dynamoEndpoint);
        assertThat(result.replies().get(0)).as(start.row()).contains("/invocation/req-0/response")
                .doesNotContain("\"status\":5").doesNotContain("errorMessage");
        return result.firstResponseMillis();
    }

    private static void report(List<Function> functions, List<Jvm> jvms, Map<Start, long[]> millis)
            throws IOException {
        Function echo = functions.get(0);
        Function getItem = functions.get(1);
        Function extensions = functions.get(2);
        long defaultEcho = median(millis.get(new Start(echo, jvms.get(0))));
        List<String> rows = new ArrayList<>();
        millis.forEach((start, sorted) -> {
            long sameJvmEcho = median(millis.get(new Start(echo, start.jvm())));
            long sameJvmGetItem = median(millis.get(new Start(getItem, start.jvm())));
            long sameJvmExtensions = median(millis.get(new Start(extensions, start.jvm())));
            rows.add("%s %d | %d | %d | %.2f× | %.2f× | %.2f× | %.2f× |".formatted(start.row(), sorted[0],
                    median(sorted), sorted[ROUNDS - 1], (double) median(sorted) / defaultEcho,
                    (double) median(sorted) / sameJvmEcho, (double) median(sorted) / sameJvmGetItem,
                    (double) median(sorted) / sameJvmExtensions));
        });
        String report = "# JVM start to first handled invocation (" + ROUNDS + " interleaved rounds)\n\n"
                + "| function | JVM | min ms | median ms | max ms | median / echo on " + jvms.get(0).label()
                + " | median / echo, same JVM and cache | median / DynamoDB baseline, same JVM and cache"
                + " | median / extensions baseline, same JVM and cache |\n"
                + "|---|---|---|---|---|---|---|---|---|\n" + String.join("\n", rows) + "\n";
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/cold-start.md"), report);
        System.out.println(report);
    }

    private static long median(long[] sorted) {
        return sorted[sorted.length / 2];
    }

    /** The main pom's versions the baselines are built on. */
    record MainPomVersions(String quarkusPlatform, String amazonServices, String awsSdk, String langchain4j) {
        static MainPomVersions read() throws IOException {
            String pom = Files.readString(Path.of("pom.xml"));
            return new MainPomVersions(property(pom, "quarkus.platform.version"),
                    property(pom, "quarkus-amazon-services.version"), property(pom, "aws-sdk.version"),
                    property(pom, "quarkus-langchain4j.version"));
        }

        private static String property(String pom, String name) {
            Matcher value = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)<").matcher(pom);
            assertThat(value.find()).as(name + " in pom.xml").isTrue();
            return value.group(1);
        }
    }

    /** Builds src/test/baselines/{name} with this project's wrapper on the main pom's versions. */
    private static Launch baseline(String name, String handler, MainPomVersions versions) throws Exception {
        Path project = Path.of("src", "test", "baselines", name);
        Process build = new ProcessBuilder("./mvnw", "-B", "-q", "-f", project.resolve("pom.xml").toString(),
                "package", "-Dquarkus.platform.version=" + versions.quarkusPlatform(),
                "-Dquarkus-amazon-services.version=" + versions.amazonServices(),
                "-Daws-sdk.version=" + versions.awsSdk(), "-Dquarkus-langchain4j.version=" + versions.langchain4j())
                .redirectErrorStream(true).redirectOutput(Path.of("target", "baseline-" + name + "-build.log").toFile())
                .start();
        assertThat(build.waitFor(10, TimeUnit.MINUTES) && build.exitValue() == 0)
                .as("baseline build, see target/baseline-" + name + "-build.log").isTrue();
        return new Launch("java", LambdaEmulator.taskRoot(project.resolve("target")), LambdaEmulator.QUARKUS_HANDLER,
                handler, List.of(), Map.of());
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

    /** moto_server on a free port with the four tables, logging to target/{logName}. */
    static MotoServer startMoto(String logName) throws IOException {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var moto = MotoServer.start(port, Path.of("target", logName));
        createTables(moto.endpoint());
        return moto;
    }

    /** Creates the prompt {@link #SEED}, which render and the DynamoDB baseline read, with the packaged function. */
    static void seedPrompt(String dynamoEndpoint) throws Exception {
        var seed = LambdaEmulator.run(Launch.promptloop("prompts"), List.of(CREATE.replace("cold-%d", SEED)),
                dynamoEndpoint);
        assertThat(seed.replies().get(0)).contains("\"reason\":\"created\"");
    }
}
