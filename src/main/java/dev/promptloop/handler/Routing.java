package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.promptloop.api.JsonBodies;
import dev.promptloop.api.Limits;
import dev.promptloop.api.ProblemException;
import dev.promptloop.core.Texts;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Finds the route of an HTTP event and makes the call: the route API Gateway matched, or else the one the method and
 * path match (404 for no route, 405 for a known path with another method, 404 for a route another function serves),
 * with its path parameters and its JSON body (empty for a GET or DELETE without one).
 */
final class Routing {

    private Routing() {
    }

    static ApiCall call(HttpEvent event, String handler) {
        Route.Match match = event.declaredRoute().map(r -> new Route.Match(r, event.pathParameters()))
                .or(() -> Route.match(event.method(), event.path()).map(Routing::decoded))
                .orElseThrow(() -> Route.knownPath(event.path())
                        ? new ProblemException(405, "method-not-allowed", "Method not allowed",
                                event.method() + " is not allowed on " + Texts.excerpt(event.path()))
                        : ProblemException.notFound("no-route", "no route for " + event.method() + " "
                                + Texts.excerpt(event.path())));
        if (!match.route().handler().equals(handler)) {
            throw ProblemException.notFound("no-route", "route " + match.route().routeKey()
                    + " is served by the '" + match.route().handler() + "' function, not '" + handler + "'");
        }
        // only reads take query parameters; a write's query string is not read
        Map<String, String> query = "GET".equals(match.route().method()) ? event.query().get() : Map.of();
        return new ApiCall(match.route(), match.pathParameters(), query, event.headers(), body(event),
                event.caller());
    }

    private static JsonNode body(HttpEvent event) {
        if (event.body().isEmpty()) {
            if ("GET".equals(event.method()) || "DELETE".equals(event.method())) {
                return JsonNodeFactory.instance.objectNode();
            }
            throw ProblemException.badRequest("missing-body", "the request body must be a JSON object");
        }
        return JsonBodies.requestObject(bytes(event.body().get(), event.base64()));
    }

    private static byte[] bytes(String body, boolean base64) {
        if (!base64) {
            return body.getBytes(StandardCharsets.UTF_8);
        }
        if (body.length() > Limits.MAX_BODY_BYTES / 3 * 4 + 4) {
            throw JsonBodies.tooLarge();
        }
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("invalid-body", "the body is marked base64 but is not valid base64");
        }
    }

    private static Route.Match decoded(Route.Match match) {
        Map<String, String> params = new HashMap<>();
        match.pathParameters().forEach((k, v) -> params.put(k, URLDecoder.decode(v, StandardCharsets.UTF_8)));
        return new Route.Match(match.route(), params);
    }
}
