package dev.promptloop.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes DynamoDB (moto) behave as a busy table does, underneath the SDK, so its retries and Promptloop's handling run
 * for real. While {@link #throttle} is armed for an operation, its requests go through a local relay: the relay
 * answers the next attempts as DynamoDB does when throttling ({@code ProvisionedThroughputExceededException}), so they
 * never reach moto, and passes later ones on to moto. {@link #leaveUnprocessed} lets BatchWriteItem calls reach moto
 * but answers that every item was left unprocessed, as DynamoDB does for throttled parts of a batch. Registered for
 * every test with {@code quarkus.dynamodb.interceptors} (build-time configuration); idle until a test arms it.
 */
public class DynamoFaultInjector implements ExecutionInterceptor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BATCH_WRITE = "BatchWriteItem";
    private static final String FORWARD_TO = "x-fault-injector-forward-to";
    private static final String OPERATION = "x-fault-injector-operation";
    private static final byte[] THROTTLED = """
            {"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",\
            "message":"The level of configured provisioned throughput for the table was exceeded."}"""
            .getBytes(StandardCharsets.UTF_8);
    private static final Set<String> NOT_RELAYED = Set.of("host", "content-length", "connection", FORWARD_TO,
            OPERATION);

    private static final Map<String, AtomicInteger> THROTTLE = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> THROTTLED_ATTEMPTS = new ConcurrentHashMap<>();
    private static final AtomicInteger UNPROCESSED = new AtomicInteger();
    private static final AtomicInteger BATCH_SENDS = new AtomicInteger();
    private static final HttpClient MOTO = HttpClient.newHttpClient();
    private static HttpServer relay;

    /** The next {@code attempts} attempts of {@code operation} (PutItem, TransactWriteItems, ...) are throttled. */
    public static void throttle(String operation, int attempts) {
        THROTTLE.put(operation, new AtomicInteger(attempts));
    }

    /** The next {@code sends} BatchWriteItem calls answer that every item was left unprocessed. */
    public static void leaveUnprocessed(int sends) {
        UNPROCESSED.set(sends);
    }

    /** Attempts of {@code operation} throttled since the last reset. */
    public static int throttledAttempts(String operation) {
        return THROTTLED_ATTEMPTS.getOrDefault(operation, new AtomicInteger()).get();
    }

    /** BatchWriteItem calls sent since the last reset. */
    public static int batchSends() {
        return BATCH_SENDS.get();
    }

    public static void reset() {
        THROTTLE.clear();
        THROTTLED_ATTEMPTS.clear();
        UNPROCESSED.set(0);
        BATCH_SENDS.set(0);
    }

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (BATCH_WRITE.equals(operation)) {
            BATCH_SENDS.incrementAndGet();
        }
        AtomicInteger remaining = THROTTLE.get(operation);
        if (remaining == null || remaining.get() == 0) {
            return context.httpRequest();
        }
        // the SDK sends this request once per attempt, so the relay decides attempt by attempt
        SdkHttpRequest request = context.httpRequest();
        return request.toBuilder().protocol("http").host("127.0.0.1").port(relayPort())
                .putHeader(FORWARD_TO, request.getUri().toString()).putHeader(OPERATION, operation).build();
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (!unprocessedAnswer(context, attributes) || UNPROCESSED.get() == 0) {
            return context.httpResponse();
        }
        // the answer is rewritten below, so moto's checksum of the original no longer applies
        return context.httpResponse().toBuilder().removeHeader("x-amz-crc32").build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
            ExecutionAttributes attributes) {
        if (!unprocessedAnswer(context, attributes) || UNPROCESSED.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            return context.responseBody();
        }
        try (InputStream sent = context.requestBody().orElseThrow().contentStreamProvider().newStream()) {
            var unprocessed = JSON.createObjectNode().set("UnprocessedItems", JSON.readTree(sent).get("RequestItems"));
            return Optional.of(new ByteArrayInputStream(JSON.writeValueAsBytes(unprocessed)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean unprocessedAnswer(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        return BATCH_WRITE.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                && context.httpResponse().isSuccessful();
    }

    private static synchronized int relayPort() {
        if (relay == null) {
            try {
                relay = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            relay.createContext("/", DynamoFaultInjector::relay);
            relay.start();
        }
        return relay.getAddress().getPort();
    }

    private static void relay(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String operation = exchange.getRequestHeaders().getFirst(OPERATION);
        AtomicInteger remaining = THROTTLE.getOrDefault(operation, new AtomicInteger());
        if (remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            THROTTLED_ATTEMPTS.computeIfAbsent(operation, o -> new AtomicInteger()).incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(400, THROTTLED.length);
            exchange.getResponseBody().write(THROTTLED);
            exchange.close();
            return;
        }
        var forward = HttpRequest.newBuilder(URI.create(exchange.getRequestHeaders().getFirst(FORWARD_TO)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_RELAYED.contains(name.toLowerCase())) {
                values.forEach(value -> forward.header(name, value));
            }
        });
        try {
            HttpResponse<byte[]> answer = MOTO.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            answer.headers().map().forEach((name, values) -> {
                if (!NOT_RELAYED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                }
            });
            exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
            exchange.getResponseBody().write(answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.sendResponseHeaders(500, -1);
        } finally {
            exchange.close();
        }
    }
}
