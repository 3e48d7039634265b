package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.Map;
import java.util.Optional;

/**
 * A decoded request: which route, its path parameters (URL-decoded), its query parameters, its headers, its JSON
 * body (an object, possibly empty), and who made it.
 */
public record ApiCall(Route route, Map<String, String> pathParameters, Map<String, String> query,
        Map<String, String> headers, JsonNode body, Caller caller) {

    public static final String IF_MATCH = "If-Match";

    public ApiCall {
        pathParameters = Map.copyOf(pathParameters);
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** A direct invocation with a body. */
    public static ApiCall direct(Route route, Map<String, String> pathParameters, JsonNode body) {
        return new ApiCall(route, pathParameters, Map.of(), Map.of(), body, Caller.DIRECT);
    }

    /** A direct invocation with a body, conditional on a revision as an {@code If-Match} header makes it. */
    public static ApiCall direct(Route route, Map<String, String> pathParameters, JsonNode body,
            Optional<String> ifMatch) {
        return new ApiCall(route, pathParameters, Map.of(), ifMatch.map(tag -> Map.of(IF_MATCH, tag))
                .orElse(Map.of()), body, Caller.DIRECT);
    }

    /** A direct invocation of a read: what the command carries besides its routing fields is the query. */
    public static ApiCall directQuery(Route route, Map<String, String> pathParameters, Map<String, String> query) {
        return new ApiCall(route, pathParameters, query, Map.of(), JsonNodeFactory.instance.objectNode(),
                Caller.DIRECT);
    }

    /** A header by name, whatever its case. */
    public Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .reduce((first, last) -> last);
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }
}
