package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A handler's answer before it is encoded for API Gateway or a direct invocation, with the counts it measured
 * (tokens, failed checks, ...), which {@link ApiEvents} emits as metrics beside the latency.
 */
public record ApiReply(int status, JsonNode body, String contentType, Map<String, String> headers,
        Map<String, Double> counts) {

    public ApiReply {
        headers = Map.copyOf(headers);
        counts = Map.copyOf(counts);
    }

    public static ApiReply json(int status, JsonNode body) {
        return new ApiReply(status, body, "application/json", Map.of(), Map.of());
    }

    /** The same reply with one more header. */
    public ApiReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiReply(status, body, contentType, more, counts);
    }

    /** The same reply with one more count to emit. */
    public ApiReply counting(String name, double value) {
        Map<String, Double> more = new LinkedHashMap<>(counts);
        more.put(name, value);
        return new ApiReply(status, body, contentType, headers, more);
    }
}
