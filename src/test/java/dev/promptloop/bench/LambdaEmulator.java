package dev.promptloop.bench;

import com.sun.net.httpserver.HttpServer;
import dev.promptloop.wiring.PrimedStreamHandler;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

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
     * How one JVM is started: which {@code java}; the function's code, either a task root (the unzipped function.zip,
     * run as Lambda's own launcher runs it: the working directory, loaded by the runtime client's class loader) or a
     * jar on the class path (as a container image with its own java entrypoint runs it); the handler class; which
     * QUARKUS_LAMBDA_HANDLER; further JVM options and environment variables.
     */
    record Launch(String java, Path code, String handlerClass, String handler, List<String> jvmOptions,
            Map<String, String> environment) {

        /** Promptloop's function.zip as Lambda's Java runtime runs it, with the given handler, on the test's JDK. */
        static Launch promptloop(String handler) throws Exception {
            return new Launch("java", taskRoot(Path.of("target")), PROMPTLOOP_HANDLER, handler, List.of(), Map.of());
        }

        /** The same code on the class path. */
        Launch onClassPath() throws Exception {
            return new Launch(java, runnerJar(code.getParent()), handlerClass, handler, jvmOptions, environment);
        }

        Launch on(String java) {
            return new Launch(java, code, handlerClass, handler, jvmOptions, environment);
        }

        Launch withJvmOptions(List<String> options) {
            return new Launch(java, code, handlerClass, handler, options, environment);
        }

        Launch withEnvironment(Map<String, String> variables) {
            return new Launch(java, code, handlerClass, handler, jvmOptions, variables);
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

    private static final Set<Path> UNZIPPED = new HashSet<>();

    private LambdaEmulator() {
    }

    /**
     * The build directory's function.zip unzipped into its {@code lambda-task} directory, afresh once per test JVM,
     * as Lambda unpacks it into /var/task.
     */
    static synchronized Path taskRoot(Path buildDirectory) throws IOException {
        Path root = buildDirectory.resolve("lambda-task").toAbsolutePath();
        if (UNZIPPED.add(root)) {
            if (Files.exists(root)) {
                try (var old = Files.walk(root)) {
                    old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            try (var zip = new ZipInputStream(Files.newInputStream(buildDirectory.resolve("function.zip")))) {
                for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                    Path target = root.resolve(entry.getName()).normalize();
                    if (!target.startsWith(root)) {
                        throw new IOException("zip entry outside the task root: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target);
                    }
                }
            }
        }
        return root;
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
        // The runtime's own jars, as in /var/runtime/lib: the runtime client and what it needs.
        String runtimeClient = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> entry.contains("aws-lambda-java-runtime-interface-client")
                        || entry.contains("aws-lambda-java-serialization") || entry.contains("aws-lambda-java-core")
                        || entry.contains("utils-lite"))
                .collect(Collectors.joining(File.pathSeparator));
        // Lambda's Java launcher's flags: C1 only, serial GC, org.crac wired to the runtime client's CRaC context.
        List<String> command = new ArrayList<>(List.of(launch.java(), "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac"));
        command.addAll(launch.jvmOptions());
        boolean taskRoot = Files.isDirectory(launch.code());
        command.addAll(List.of("-cp", taskRoot ? runtimeClient : launch.code() + File.pathSeparator + runtimeClient,
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda", launch.handlerClass()));
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (taskRoot) {
            builder.directory(launch.code().toFile());
        }
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
            CompletableFuture.anyOf(done, process.onExit()).get(600, TimeUnit.SECONDS);
            if (!done.isDone()) {
                throw new IllegalStateException("the function exited before answering every event; see " + log);
            }
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
