package dev.promptloop.handler;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The public HTTP API: every route, the handler that serves it, and its path template. API Gateway, the local gateway
 * and the SAM template all follow this table (a test checks the template against it).
 */
public enum Route {
    CREATE_PROMPT("POST", "/prompts", HandlerNames.PROMPTS),
    LIST_PROMPTS("GET", "/prompts", HandlerNames.PROMPTS),
    GET_PROMPT("GET", "/prompts/{id}", HandlerNames.PROMPTS),
    PATCH_PROMPT("PATCH", "/prompts/{id}", HandlerNames.PROMPTS),
    LIST_VERSIONS("GET", "/prompts/{id}/versions", HandlerNames.PROMPTS),
    CREATE_VERSION("POST", "/prompts/{id}/versions", HandlerNames.PROMPTS),
    GET_VERSION("GET", "/prompts/{id}/versions/{version}", HandlerNames.PROMPTS),
    DIFF_VERSION("GET", "/prompts/{id}/versions/{version}/diff", HandlerNames.PROMPTS),
    LIST_HISTORY("GET", "/prompts/{id}/history", HandlerNames.PROMPTS),
    LIST_FEEDBACK("GET", "/prompts/{id}/feedback", HandlerNames.PROMPTS),
    MOVE_LABEL("PUT", "/prompts/{id}/labels/{label}", HandlerNames.PROMPTS),
    LIST_CASES("GET", "/prompts/{id}/cases", HandlerNames.PROMPTS),
    ADD_CASE("POST", "/prompts/{id}/cases", HandlerNames.PROMPTS),
    DELETE_CASE("DELETE", "/prompts/{id}/cases/{caseId}", HandlerNames.PROMPTS),
    RENDER("POST", "/prompts/{id}/render", HandlerNames.RENDER),
    FEEDBACK("POST", "/renders/{renderId}/feedback", HandlerNames.FEEDBACK);

    private final String method;
    private final String template;
    private final String handler;
    private final String[] segments;

    Route(String method, String template, String handler) {
        this.method = method;
        this.template = template;
        this.handler = handler;
        this.segments = template.substring(1).split("/");
    }

    public String method() {
        return method;
    }

    public String template() {
        return template;
    }

    /** The {@code @Named} handler bean that serves this route. */
    public String handler() {
        return handler;
    }

    /** "POST /prompts/{id}/render", as API Gateway names routes. */
    public String routeKey() {
        return method + " " + template;
    }

    /** Finds the route for a method and a concrete path, with the path's parameters. */
    public static Optional<Match> match(String method, String path) {
        String[] parts = trimSlashes(path).split("/", -1);
        return Arrays.stream(values())
                .filter(r -> r.method.equals(method))
                .map(r -> r.bind(parts))
                .flatMap(Optional::stream)
                .findFirst();
    }

    /** Whether a path matches any route with any method (to tell 405 from 404). */
    public static boolean knownPath(String path) {
        String[] parts = trimSlashes(path).split("/", -1);
        return Arrays.stream(values()).anyMatch(r -> r.bind(parts).isPresent());
    }

    public static Optional<Route> byRouteKey(String routeKey) {
        return Arrays.stream(values()).filter(r -> r.routeKey().equals(routeKey)).findFirst();
    }

    private Optional<Match> bind(String[] parts) {
        if (parts.length != segments.length) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments[i];
            if (segment.startsWith("{")) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                params.put(segment.substring(1, segment.length() - 1), parts[i]);
            } else if (!segment.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(new Match(this, params));
    }

    private static String trimSlashes(String path) {
        String trimmed = path == null ? "" : path;
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    public record Match(Route route, Map<String, String> pathParameters) {

        public Match {
            pathParameters = Map.copyOf(pathParameters);
        }
    }
}
