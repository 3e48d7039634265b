package dev.promptloop.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs the packaged function the way Lambda's managed Java runtime does (AWS's runtime interface client calling the
 * template's handler class) against a minimal Lambda Runtime API on loopback, which hands it the given events one
 * after another.
 */
final class LambdaEmulator {

    record Run(long firstResponseMillis, List<String> replies, long residentKilobytes) {
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

    static Run run(String handler, List<String> events, String dynamoEndpoint, List<String> jvmOptions)
            throws Exception {
        return run(runnerJar(), handler, events, dynamoEndpoint, jvmOptions);
    }

    static Run run(Path jar, String handler, List<String> events, String dynamoEndpoint, List<String> jvmOptions)
            throws Exception {
        return run("java", jar, handler, events, dynamoEndpoint, jvmOptions);
    }

    /** As {@link #run(Path, String, List, String, List)}, on the given {@code java} launcher. */
    static Run run(String java, Path jar, String handler, List<String> events, String dynamoEndpoint,
            List<String> jvmOptions) throws Exception {
        var replies = new ArrayList<String>();
        var done = new CompletableFuture<Void>();
        var firstResponse = new CompletableFuture<Long>();
        var next = new AtomicInteger();
        HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        api.createContext("/2018-06-01/runtime/invocation/next", exchange -> {
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
                    + handler);
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
        List<String> command = new ArrayList<>(List.of(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar + File.pathSeparator + runtimeClient,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest"));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(Path.of("target", "lambda-" + handler + ".log").toFile());
        var env = builder.environment();
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:" + api.getAddress().getPort());
        env.put("QUARKUS_LAMBDA_HANDLER", handler);
        env.put("QUARKUS_DYNAMODB_ENDPOINT_OVERRIDE", dynamoEndpoint);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "bench");
        env.put("AWS_SECRET_ACCESS_KEY", "bench");
        env.put("PROMPTLOOP_MODEL_PROVIDER", "simulated");
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            done.get(600, TimeUnit.SECONDS);
            long millis = (firstResponse.get() - start) / 1_000_000;
            return new Run(millis, List.copyOf(replies), residentKilobytes(process.pid()));
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
