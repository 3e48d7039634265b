package dev.promptloop.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.handler.Route;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** API Gateway events as API Gateway sends them, for calling handlers in tests. */
public final class ApiGatewayEvents {

    public static final ObjectMapper JSON = new ObjectMapper();

    private ApiGatewayEvents() {
    }

    /** An HTTP API (payload 2.0) event for a route, with its path parameters and a raw body (null for none). */
    public static ObjectNode v2(Route route, Map<String, String> params, String body) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", route.routeKey());
        String path = route.template();
        for (var param : params.entrySet()) {
            path = path.replace("{" + param.getKey() + "}", param.getValue());
        }
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        event.putObject("headers").put("content-type", "application/json");
        event.putObject("requestContext").put("requestId", "test").put("routeKey", route.routeKey())
                .put("stage", "$default").putObject("http").put("method", route.method()).put("path", path);
        ObjectNode pathParameters = event.putObject("pathParameters");
        params.forEach(pathParameters::put);
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    /** A render of one prompt with these variables. */
    public static ObjectNode render(String promptId, Map<String, String> variables) {
        ObjectNode body = JSON.createObjectNode();
        variables.forEach(body.putObject("variables")::put);
        return v2(Route.RENDER, Map.of("id", promptId), body.toString());
    }

    /** The same event with an Idempotency-Key header. */
    public static ObjectNode withIdempotencyKey(ObjectNode event, String key) {
        ((ObjectNode) event.get("headers")).put("Idempotency-Key", key);
        return event;
    }

    /** The same HTTP API event with a raw query string, as API Gateway passes it. */
    public static ObjectNode withQuery(ObjectNode event, String rawQuery) {
        event.put("rawQueryString", rawQuery);
        return event;
    }

    /** The same HTTP API event as signed by an IAM principal, as API Gateway's IAM authorizer describes it. */
    public static ObjectNode signedBy(ObjectNode event, String userArn) {
        ((ObjectNode) event.get("requestContext")).putObject("authorizer").putObject("iam").put("userArn", userArn);
        return event;
    }

    /** A REST API proxy (payload 1.0) event. */
    public static ObjectNode v1(Route route, Map<String, String> params, String body) {
        ObjectNode event = JSON.createObjectNode();
        event.put("resource", route.template());
        String path = route.template();
        for (var param : params.entrySet()) {
            path = path.replace("{" + param.getKey() + "}", param.getValue());
        }
        event.put("path", path);
        event.put("httpMethod", route.method());
        event.putObject("headers").put("Content-Type", "application/json");
        ObjectNode pathParameters = event.putObject("pathParameters");
        params.forEach(pathParameters::put);
        event.putObject("requestContext").put("requestId", "test").put("stage", "prod")
                .put("resourcePath", route.template()).put("httpMethod", route.method());
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event;
    }

    /** Reads an event file, such as those under infra/events. */
    public static ObjectNode file(String path) {
        try {
            return (ObjectNode) JSON.readTree(Files.readString(Path.of(path)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.get("body").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int status(JsonNode response) {
        return response.get("statusCode").asInt();
    }
}
