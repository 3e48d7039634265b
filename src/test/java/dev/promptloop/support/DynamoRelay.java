package dev.promptloop.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import software.amazon.awssdk.http.SdkHttpRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A local HTTP relay in front of moto for {@link DynamoFaultInjector}: each DynamoDB request sent through it is
 * answered as {@link Answers} decides, attempt by attempt, as DynamoDB answers an error (HTTP 400, DynamoDB's JSON
 * error body), or else passed on to moto unchanged.
 */
final class DynamoRelay {

    /**
     * Decides one attempt: the error body DynamoDB would answer it with, or empty to pass it on to moto (it may take
     * its time to decide: each attempt has its own thread).
     */
    interface Answers {
        Optional<byte[]> answer(String operation, byte[] request);
    }

    private static final String FORWARD_TO = "x-fault-injector-forward-to";
    private static final String OPERATION = "x-fault-injector-operation";
    private static final Set<String> NOT_RELAYED = Set.of("host", "content-length", "connection", FORWARD_TO,
            OPERATION);
    private static final HttpClient MOTO = HttpClient.newHttpClient();

    private final Answers answers;
    private HttpServer server;

    DynamoRelay(Answers answers) {
        this.answers = answers;
    }

    /** The request sent to the relay instead, carrying where it was going and which operation it is. */
    SdkHttpRequest redirect(SdkHttpRequest request, String operation) {
        return request.toBuilder().protocol("http").host("127.0.0.1").port(port())
                .putHeader(FORWARD_TO, request.getUri().toString()).putHeader(OPERATION, operation).build();
    }

    private synchronized int port() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", this::relay);
            // one thread per exchange, so an attempt held back by the answers does not hold up the others
            server.setExecutor(Executors.newCachedThreadPool(task -> {
                Thread thread = new Thread(task, "dynamo-relay");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
        }
        return server.getAddress().getPort();
    }

    private void relay(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Optional<byte[]> error = answers.answer(exchange.getRequestHeaders().getFirst(OPERATION), body);
        if (error.isPresent()) {
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
            exchange.sendResponseHeaders(400, error.get().length);
            exchange.getResponseBody().write(error.get());
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
