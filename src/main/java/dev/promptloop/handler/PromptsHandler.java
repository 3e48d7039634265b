package dev.promptloop.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.problem.KnownFields;
import dev.promptloop.problem.ProblemException;
import dev.promptloop.prompt.PromptCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.util.Map;
import java.util.Set;

/**
 * Prompt management: create, read, list versions, move labels. Direct commands carry an {@code action}:
 * {@code {"action":"create", ...prompt}}, {@code {"action":"get","promptId":..}},
 * {@code {"action":"versions","promptId":..}}, {@code {"action":"move-label","promptId":..,"label":..,"version":n}}.
 */
@Named("prompts")
@ApplicationScoped
public class PromptsHandler implements RequestHandler<JsonNode, JsonNode> {

    private final ApiEvents events;
    private final PromptCatalog catalog;

    public PromptsHandler(ApiEvents events, PromptCatalog catalog) {
        this.events = events;
        this.catalog = catalog;
    }

    @Override
    public JsonNode handleRequest(JsonNode event, Context context) {
        return events.handle(event, context, "prompts", PromptsHandler::direct, this::serve);
    }

    private ApiReply serve(ApiCall call) {
        String id = call.pathParameter("id");
        return switch (call.route()) {
            case CREATE_PROMPT -> ApiReply.json(201, PromptJson.write(catalog.create(PromptJson.readCreate(call.body()))));
            case GET_PROMPT -> ApiReply.json(200, PromptJson.write(catalog.production(id)));
            case LIST_VERSIONS -> ApiReply.json(200, PromptJson.writeVersions(id, catalog.versions(id)));
            case MOVE_LABEL -> {
                KnownFields.require(call.body(), "the label move", Set.of("version", "reason"));
                int version = JsonFields.optionalInt(call.body(), "version").orElseThrow(
                        () -> ProblemException.badRequest("missing-field", "field 'version' is required"));
                yield ApiReply.json(200, PromptJson.write(catalog.moveLabel(id, call.pathParameter("label"), version,
                        JsonFields.optionalString(call.body(), "reason"))));
            }
            default -> throw new IllegalStateException("route " + call.route() + " is not served here");
        };
    }

    private static ApiCall direct(JsonNode event) {
        ObjectNode command = ApiEvents.commandObject(event);
        String action = JsonFields.requiredString(command, "action");
        command.remove("action");
        return switch (action) {
            case "create" -> new ApiCall(Route.CREATE_PROMPT, Map.of(), command);
            case "get" -> new ApiCall(Route.GET_PROMPT, Map.of("id", ApiEvents.takeString(command, "promptId")), command);
            case "versions" -> new ApiCall(Route.LIST_VERSIONS, Map.of("id", ApiEvents.takeString(command, "promptId")), command);
            case "move-label" -> new ApiCall(Route.MOVE_LABEL, Map.of("id", ApiEvents.takeString(command, "promptId"),
                    "label", ApiEvents.takeString(command, "label")), command);
            default -> throw ProblemException.badRequest("invalid-command",
                    "action must be one of create, get, versions, move-label");
        };
    }
}
