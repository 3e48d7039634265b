package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A decoded request: which route, its path parameters (URL-decoded) and its JSON body (an object, possibly empty).
 * Handlers add what they measure to {@code metrics}; it is emitted once the reply is built.
 */
public record ApiCall(Route route, Map<String, String> pathParameters, JsonNode body, Metrics.Emission metrics) {

    public ApiCall {
        pathParameters = Map.copyOf(pathParameters);
    }

    /** A call not yet measured; {@link ApiEvents} attaches the emission. */
    public ApiCall(Route route, Map<String, String> pathParameters, JsonNode body) {
        this(route, pathParameters, body, null);
    }

    /** The same call measured into {@code emission}. */
    ApiCall measuredBy(Metrics.Emission emission) {
        return new ApiCall(route, pathParameters, body, emission);
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }
}
