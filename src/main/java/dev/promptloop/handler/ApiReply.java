package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** A handler's answer before it is encoded for API Gateway or a direct invocation. */
public record ApiReply(int status, JsonNode body, String contentType, Map<String, String> headers) {

    public static ApiReply json(int status, JsonNode body) {
        return new ApiReply(status, body, "application/json", Map.of());
    }
}
