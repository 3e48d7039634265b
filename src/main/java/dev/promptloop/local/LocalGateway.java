package dev.promptloop.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.promptloop.api.JsonBodies;
import dev.promptloop.handler.HandlerNames;
import dev.promptloop.handler.Route;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;

/**
 * The HTTP API of local mode: turns each request into the API Gateway HTTP API (payload 2.0) event API Gateway would
 * send, calls the handler bean that serves the route, and writes its response back, with the same routes and JSON
 * as on AWS. A path no route matches goes to the prompts handler, which answers the 404 or 405 problem.
 */
final class LocalGateway implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalGateway.class);
    /** API Gateway HTTP APIs accept payloads up to 10 MB. */
    private static final int MAX_PAYLOAD = 10 * 1024 * 1024;
    private static final String LOCAL_ACTOR = "local-developer";

    private final HttpServer server;
    private final Map<String, RequestHandler<JsonNode, JsonNode>> handlers;
    private final ObjectMapper json = new ObjectMapper();

    LocalGateway(int port, Map<String, RequestHandler<JsonNode, JsonNode>> handlers) throws IOException {
        this.handlers = handlers;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/", this::exchange);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "local-gateway");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
            String path = exchange.getRequestURI().getRawPath();
            byte[] body = read(exchange.getRequestBody());
            if (body == null) {
                respond(exchange, 413, "application/json", "{\"message\":\"Request Entity Too Large\"}");
                return;
            }
            var match = Route.match(method, path);
            String handlerName = match.map(m -> m.route().handler()).orElse(HandlerNames.PROMPTS);
            ObjectNode event = event(exchange, method, path, body, match.orElse(null));
            JsonNode response = handlers.get(handlerName).handleRequest(event, new LocalContext(handlerName));
            String text = response.path("body").asText("");
            if (response.path("isBase64Encoded").asBoolean(false)) {
                text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
            }
            respond(exchange, response.path("statusCode").asInt(500),
                    response.path("headers").path("content-type").asText("application/json"), text,
                    response.path("headers"));
        } catch (RuntimeException e) {
            LOG.errorf(e, "gateway=local outcome=internal-error");
            respond(exchange, 500, "application/json", "{\"message\":\"Internal Server Error\"}");
        }
    }

    private ObjectNode event(HttpExchange exchange, String method, String path, byte[] body, Route.Match match) {
        ObjectNode event = json.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", match == null ? "$default" : match.route().routeKey());
        event.put("rawPath", path);
        String query = exchange.getRequestURI().getRawQuery();
        event.put("rawQueryString", query == null ? "" : query);
        ObjectNode headers = event.putObject("headers");
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "000000000000");
        context.put("apiId", "local");
        context.put("domainName", "localhost");
        context.put("requestId", UUID.randomUUID().toString());
        context.put("routeKey", event.get("routeKey").asText());
        context.put("stage", "$default");
        context.put("timeEpoch", Instant.now().toEpochMilli());
        // local mode has no IAM in front of it: changes are recorded as made by the local developer; renders and
        // feedback go unsigned, so one developer's critiques count one each (no known voter) as they did before voters
        if (match == null || HandlerNames.PROMPTS.equals(match.route().handler())) {
            context.putObject("authorizer").putObject("iam").put("userArn", LOCAL_ACTOR);
        }
        context.putObject("http").put("method", method).put("path", path).put("protocol", "HTTP/1.1")
                .put("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress())
                .put("userAgent", exchange.getRequestHeaders().getFirst("User-Agent"));
        if (match != null && !match.pathParameters().isEmpty()) {
            ObjectNode params = event.putObject("pathParameters");
            match.pathParameters().forEach((k, v) -> params.put(k, URLDecoder.decode(v, StandardCharsets.UTF_8)));
        }
        if (body.length > 0) {
            // like API Gateway: text bodies pass as they are, anything that is not UTF-8 arrives base64-encoded
            var text = JsonBodies.utf8(body);
            event.put("body", text.orElseGet(() -> Base64.getEncoder().encodeToString(body)));
            event.put("isBase64Encoded", text.isEmpty());
        } else {
            event.put("isBase64Encoded", false);
        }
        return event;
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_PAYLOAD + 1);
        return bytes.length > MAX_PAYLOAD ? null : bytes;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        respond(exchange, status, contentType, body, null);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body, JsonNode headers)
            throws IOException {
        if (headers != null) {
            headers.fields().forEachRemaining(h -> exchange.getResponseHeaders().set(h.getKey(), h.getValue().asText()));
        }
        exchange.getResponseHeaders().set("content-type", contentType);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
