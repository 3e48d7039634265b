package dev.promptloop.bench;

import com.sun.net.httpserver.HttpServer;
import dev.promptloop.handler.PrimedStreamHandler;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs a packaged function the way Lambda's managed Java runtime does (AWS's runtime interface client calling the
 * template's handler class) against a minimal Lambda Runtime API on loopback, which hands it the given events one
 * after another. With {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} the runtime interface client runs the SnapStart
 * sequence (CRaC beforeCheckpoint hooks, then {@code /restore/next}, then afterRestore); no snapshot is taken.
 */
final class LambdaEmulator {

    /** The template's handler class for Promptloop's artifact. */
    static final String PROMPTLOOP_HANDLER = PrimedStreamHandler.class.getName() + "::handleRequest";
    /** Quarkus's own handler class, which the baselines use. */
    static final String QUARKUS_HANDLER = "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest";

    /**
     * How one JVM is started: which {@code java}, which packaged jar and handler class, which QUARKUS_LAMBDA_HANDLER,
     * and further JVM options and environment variables.
     */
    record Launch(String java, Path jar, String handlerClass, String handler, List<String> jvmOptions,
            Map<String, String> environment) {

        /** Promptloop's packaged artifact running the given handler, on the test's own JDK. */
        static Launch promptloop(String handler) throws Exception {
            return new Launch("java", runnerJar(), PROMPTLOOP_HANDLER, handler, List.of(), Map.of());
        }

        Launch on(String java) {
            return new Launch(java, jar, handlerClass, handler, jvmOptions, environment);
        }

        Launch withJvmOptions(List<String> options) {
            return new Launch(java, jar, handlerClass, handler, options, environment);
        }

        Launch withEnvironment(Map<String, String> variables) {
            return new Launch(java, jar, handlerClass, handler, jvmOptions, variables);
        }
    }

    /**
     * {@code firstResponseMillis}: JVM start to the first response. {@code firstInvocationMillis}: the first event
     * handed out to its response, the part of a cold start an init ahead of traffic cannot hide. {@code initLog}: what
     * the function printed before its first call to the Runtime API after init ({@code /restore/next} or
     * {@code /next}).
     */
    record Run(long firstResponseMillis, long firstInvocationMillis, List<String> replies, String initLog,
            long residentKilobytes) {
    }

    private LambdaEmulator() {
    }

    /** Promptloop's packaged artifact. */
    static Path runnerJar() throws Exception {
        return runnerJar(Path.of("target"));
    }

    static Path runnerJar(Path buildDirectory) throws Exception {
        try (var files = Files.list(buildDirectory)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run ./mvnw package first"));
        }
    }

    /** Promptloop's artifact on the test's JDK, with further JVM options. */
    static Run run(String handler, List<String> events, String dynamoEndpoint, List<String> jvmOptions)
            throws Exception {
        return run(Launch.promptloop(handler).withJvmOptions(jvmOptions), events, dynamoEndpoint);
    }

    static Run run(Launch launch, List<String> events, String dynamoEndpoint) throws Exception {
        return run(launch, events, dynamoEndpoint, () -> { });
    }

    /** As {@link #run(Launch, List, String)}; {@code atRestore} runs when the function asks for its restore. */
    static Run run(Launch launch, List<String> events, String dynamoEndpoint, Runnable atRestore) throws Exception {
        var replies = new ArrayList<String>();
        var done = new CompletableFuture<Void>();
        var firstResponse = new CompletableFuture<Long>();
        var firstHandedOut = new CompletableFuture<Long>();
        var initLog = new CompletableFuture<String>();
        var next = new AtomicInteger();
        Path log = Path.of("target", "lambda-" + launch.handler() + ".log").toAbsolutePath();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        api.createContext("/2018-06-01/runtime/restore/next", exchange -> {
            initLog.complete(Files.readString(log));
            atRestore.run();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        api.createContext("/2018-06-01/runtime/invocation/next", exchange -> {
            initLog.complete(Files.readString(log));
            int index = next.getAndIncrement();
            if (index >= events.size()) {
                return; // hold the poll open; the process is stopped once every event is answered
            }
            byte[] body = events.get(index).getBytes(StandardCharsets.UTF_8);
            var headers = exchange.getResponseHeaders();
            headers.set("Lambda-Runtime-Aws-Request-Id", "req-" + index);
            headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
            headers.set("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0");
            headers.set("Content-Type", "application/json");
            headers.set("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:000000000000:function:"
                    + launch.handler());
            firstHandedOut.complete(System.nanoTime());
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        api.createContext("/2018-06-01/runtime/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
            synchronized (replies) {
                replies.add(exchange.getRequestURI().getPath() + " " + body);
                firstResponse.complete(System.nanoTime());
                if (replies.size() == events.size()) {
                    done.complete(null);
                }
            }
        });
        api.setExecutor(Executors.newCachedThreadPool());
        api.start();
        String runtimeClient = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("aws-lambda-java-runtime-interface-client")
                        || entry.contains("aws-lambda-java-serialization"))
                .collect(Collectors.joining(File.pathSeparator));
        // Lambda's Java launcher's flags: C1 only, serial GC, org.crac wired to the runtime client's CRaC context.
        List<String> command = new ArrayList<>(List.of(launch.java(), "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac"));
        command.addAll(launch.jvmOptions());
        command.addAll(List.of("-cp", launch.jar() + File.pathSeparator + runtimeClient,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", launch.handlerClass()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = new HashMap<>(Map.of(
                "AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.getAddress().getPort(),
                "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand",
                "QUARKUS_LAMBDA_HANDLER", launch.handler(),
                "QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoEndpoint,
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "bench",
                "AWS_SECRET_ACCESS_KEY", "bench",
                "PROMPTLOOP_MODEL_PROVIDER", "simulated"));
        env.putAll(launch.environment());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            done.get(600, TimeUnit.SECONDS);
            long millis = (firstResponse.get() - start) / 1_000_000;
            long invocationMillis = (firstResponse.get() - firstHandedOut.get()) / 1_000_000;
            return new Run(millis, invocationMillis, List.copyOf(replies), initLog.get(),
                    residentKilobytes(process.pid()));
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
            api.stop(0);
        }
    }

    private static long residentKilobytes(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
