package dev.promptloop.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.handler.FeedbackHandler;
import dev.promptloop.handler.HandlerNames;
import dev.promptloop.handler.PromptsHandler;
import dev.promptloop.handler.RenderHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.suite.RegressionCase;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.v2;

/**
 * For any route, a request its function serves: path parameters that name an existing prompt (its version 1, the
 * staging label, its owner's case for {@link Prompts#ROW}) or render, and a body the route takes; and the functions by the routes they serve, so a test can
 * send the request where it belongs or where it does not.
 */
@ApplicationScoped
public class RouteRequests {

    private final PromptsHandler prompts;
    private final RenderHandler render;
    private final FeedbackHandler feedback;

    public RouteRequests(PromptsHandler prompts, RenderHandler render, FeedbackHandler feedback) {
        this.prompts = prompts;
        this.render = render;
        this.feedback = feedback;
    }

    /**
     * The HTTP API event of a request the route's function serves, on that prompt and render. What a deletion
     * deletes is put there first (when the prompt exists).
     */
    public ObjectNode served(Route route, String promptId, String renderId) {
        if (route == Route.DELETE_CASE) {
            prompts.handleRequest(v2(Route.ADD_CASE, Map.of("id", promptId), body(Route.ADD_CASE)), null);
        }
        return v2(route, params(route, promptId, renderId), body(route));
    }

    /** The same route and path parameters with another raw body. */
    public ObjectNode withBody(Route route, String promptId, String renderId, String body) {
        return v2(route, params(route, promptId, renderId), body);
    }

    /** The function that serves the route, as API Gateway invokes it. */
    public Function<JsonNode, JsonNode> functionOf(Route route) {
        return function(route.handler());
    }

    /** Every function that does not serve the route. */
    public List<Function<JsonNode, JsonNode>> functionsOtherThan(Route route) {
        return List.of(HandlerNames.PROMPTS, HandlerNames.RENDER, HandlerNames.FEEDBACK).stream()
                .filter(name -> !name.equals(route.handler())).map(this::function).toList();
    }

    private Function<JsonNode, JsonNode> function(String name) {
        return switch (name) {
            case HandlerNames.PROMPTS -> event -> prompts.handleRequest(event, null);
            case HandlerNames.RENDER -> event -> render.handleRequest(event, null);
            case HandlerNames.FEEDBACK -> event -> feedback.handleRequest(event, null);
            default -> throw new IllegalArgumentException("no function named " + name);
        };
    }

    private static Map<String, String> params(Route route, String promptId, String renderId) {
        return switch (route) {
            case CREATE_PROMPT, LIST_PROMPTS -> Map.of();
            case GET_VERSION, DIFF_VERSION -> Map.of("id", promptId, "version", "1");
            case MOVE_LABEL -> Map.of("id", promptId, "label", "staging");
            case FEEDBACK -> Map.of("renderId", renderId);
            case DELETE_CASE -> Map.of("id", promptId, "caseId", RegressionCase.id(RegressionCase.Kind.OWNER,
                    Prompts.ROW));
            default -> Map.of("id", promptId);
        };
    }

    /** A body the route takes; none for a read. */
    private static String body(Route route) {
        ObjectNode body = JSON.createObjectNode();
        switch (route) {
            case CREATE_PROMPT -> body.put("id", Prompts.uniqueId("served")).putObject("template")
                    .put("user", "Copy for {{name}}");
            case PATCH_PROMPT -> body.put("description", "patched by a served request");
            case CREATE_VERSION -> body.putObject("template").put("system", Prompts.SYSTEM)
                    .put("user", Prompts.USER_TEMPLATE + " Keep it short.");
            case MOVE_LABEL -> body.put("version", 1);
            case RENDER -> Prompts.ROW.forEach(body.putObject("variables")::put);
            case FEEDBACK -> body.put("thumb", "up");
            case ADD_CASE -> {
                Prompts.ROW.forEach(body.putObject("variables")::put);
                body.put("note", "Names the brand colour.");
            }
            default -> {
                return null;
            }
        }
        return body.toString();
    }
}
