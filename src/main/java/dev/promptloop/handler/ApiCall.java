package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;

/**
 * A decoded request: which route, its path parameters (URL-decoded), its JSON body (an object, possibly empty), and
 * the subject of the JWT that API Gateway verified for it (null without a JWT authorizer, and for direct invocations).
 */
public record ApiCall(Route route, Map<String, String> pathParameters, JsonNode body, String tokenSubject) {

    public ApiCall {
        pathParameters = Map.copyOf(pathParameters);
    }

    /** A direct invocation: nothing in front of it verified a caller. */
    public ApiCall(Route route, Map<String, String> pathParameters, JsonNode body) {
        this(route, pathParameters, body, null);
    }

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public Optional<String> verifiedSubject() {
        return Optional.ofNullable(tokenSubject);
    }
}
