package dev.promptloop.handler;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * An API Gateway event, read: the payload kind, method and path, the route API Gateway matched (when it names one),
 * path parameters as sent, query parameters (decoded when asked for: a malformed one is a 400), headers, the body as sent (absent when empty; base64 when API
 * Gateway says so), and who sent it.
 */
record HttpEvent(Kind kind, String method, String path, Optional<Route> declaredRoute,
        Map<String, String> pathParameters, Supplier<Map<String, String>> query, Map<String, String> headers,
        Optional<String> body, boolean base64, Caller caller) {

    enum Kind { HTTP_V2, HTTP_V1, DIRECT }

    HttpEvent {
        pathParameters = Map.copyOf(pathParameters);
        headers = Map.copyOf(headers);
    }

    /** A header by name, whatever its case. */
    Optional<String> header(String name) {
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                .reduce((first, last) -> last);
    }
}
