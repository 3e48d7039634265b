package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.api.ApiReply;
import dev.promptloop.api.JsonBodies;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The three shapes an API handler is called with, in and out: API Gateway HTTP API payload 2.0, REST API proxy 1.0,
 * and a plain JSON command (console, SDK, {@code sam local invoke}), answered with the bare reply body.
 */
final class HttpEventCodec {

    private HttpEventCodec() {
    }

    static HttpEvent.Kind kindOf(JsonNode event) {
        if (event == null || !event.isObject()) {
            return HttpEvent.Kind.DIRECT;
        }
        if (event.path("requestContext").path("http").has("method")) {
            return HttpEvent.Kind.HTTP_V2;
        }
        if (event.has("httpMethod") && event.has("requestContext")) {
            return HttpEvent.Kind.HTTP_V1;
        }
        return HttpEvent.Kind.DIRECT;
    }

    /**
     * Reads an HTTP event (v1 or v2); only what API Gateway verified is trusted as an identity: the IAM principal, or
     * the JWT's subject.
     */
    static HttpEvent read(JsonNode event, HttpEvent.Kind kind) {
        boolean v2 = kind == HttpEvent.Kind.HTTP_V2;
        JsonNode context = event.path("requestContext");
        String method = v2 ? context.path("http").path("method").asText() : event.path("httpMethod").asText();
        String path = v2 ? event.path("rawPath").asText(context.path("http").path("path").asText(""))
                : event.path("path").asText("");
        String routeKey = v2 ? event.path("routeKey").asText("") : method + " " + event.path("resource").asText("");
        JsonNode claims = v2 ? context.path("authorizer").path("jwt").path("claims")
                : context.path("authorizer").path("claims");
        Optional<String> subject = text(claims.path("sub"));
        Optional<String> principal = text(v2 ? context.path("authorizer").path("iam").path("userArn")
                : context.path("identity").path("userArn"));
        var caller = new Caller(subject, principal.or(() -> subject).orElse(Caller.ANONYMOUS));
        Supplier<Map<String, String>> query = () -> v2 && event.has("rawQueryString") ? QueryStrings.parse(
                event.path("rawQueryString").asText("")) : fields(event.path("queryStringParameters"));
        return new HttpEvent(kind, method, path, Route.byRouteKey(routeKey), fields(event.path("pathParameters")),
                query, fields(event.path("headers")), body(event), event.path("isBase64Encoded").asBoolean(false),
                caller);
    }

    private static Optional<String> text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText()) : Optional.empty();
    }

    /** The reply in the caller's shape: a proxy response for API Gateway, the bare body for a direct call. */
    static JsonNode encode(HttpEvent.Kind kind, ApiReply reply) {
        if (kind == HttpEvent.Kind.DIRECT) {
            return reply.body();
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        response.put("statusCode", reply.status());
        ObjectNode headers = response.putObject("headers");
        headers.put("content-type", reply.contentType());
        reply.headers().forEach(headers::put);
        response.put("body", JsonBodies.write(reply.body()));
        response.put("isBase64Encoded", false);
        return response;
    }

    private static Optional<String> body(JsonNode event) {
        JsonNode raw = event.get("body");
        return raw == null || raw.isNull() || raw.asText().isEmpty() ? Optional.empty() : Optional.of(raw.asText());
    }

    private static Map<String, String> fields(JsonNode object) {
        Map<String, String> values = new HashMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
        return values;
    }
}
