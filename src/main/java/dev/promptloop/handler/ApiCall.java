package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** A decoded request: which route, its path parameters (URL-decoded) and its JSON body (an object, possibly empty). */
public record ApiCall(Route route, Map<String, String> pathParameters, JsonNode body) {

    public ApiCall {
        pathParameters = Map.copyOf(pathParameters);
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }
}
