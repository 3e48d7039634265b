package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Map;

/**
 * A decoded request: which route, its path parameters (URL-decoded), its query parameters, its JSON body (an object,
 * possibly empty), and who made it.
 */
public record ApiCall(Route route, Map<String, String> pathParameters, Map<String, String> query, JsonNode body,
        Caller caller) {

    public ApiCall {
        pathParameters = Map.copyOf(pathParameters);
        query = Map.copyOf(query);
    }

    /** A direct invocation with a body. */
    public static ApiCall direct(Route route, Map<String, String> pathParameters, JsonNode body) {
        return new ApiCall(route, pathParameters, Map.of(), body, Caller.DIRECT);
    }

    /** A direct invocation of a read: what the command carries besides its routing fields is the query. */
    public static ApiCall directQuery(Route route, Map<String, String> pathParameters, Map<String, String> query) {
        return new ApiCall(route, pathParameters, query, JsonNodeFactory.instance.objectNode(), Caller.DIRECT);
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }
}
