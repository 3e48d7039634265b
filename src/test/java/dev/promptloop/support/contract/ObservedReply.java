package dev.promptloop.support.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Optional;

/** One HTTP reply as API Gateway would pass it on: the route it answers, its status, content type and body. */
record ObservedReply(String method, String pathTemplate, int status, String contentType, JsonNode body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The reply to an API Gateway event (payload 2.0 or 1.0); empty for direct invocations and stream batches. */
    static Optional<ObservedReply> of(JsonNode event, JsonNode reply) {
        if (event == null || reply == null || !reply.has("statusCode")) {
            return Optional.empty();
        }
        String routeKey;
        if (event.path("requestContext").path("http").has("method")) {
            routeKey = event.path("routeKey").asText("");
        } else if (event.has("httpMethod")) {
            routeKey = event.path("httpMethod").asText() + " " + event.path("resource").asText("");
        } else {
            return Optional.empty();
        }
        String[] parts = routeKey.split(" ", 2);
        if (parts.length != 2) {
            return Optional.empty();
        }
        return Optional.of(new ObservedReply(parts[0], parts[1], reply.get("statusCode").asInt(),
                reply.path("headers").path("content-type").asText(null), body(reply)));
    }

    String operationKey() {
        return method + " " + pathTemplate + " " + status;
    }

    private static JsonNode body(JsonNode reply) {
        String text = reply.path("body").asText("");
        if (text.isEmpty()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
