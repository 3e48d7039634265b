package dev.promptloop.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.api.ApiReply;
import dev.promptloop.api.HistoryReplies;
import dev.promptloop.api.JsonFields;
import dev.promptloop.api.ListQueries;
import dev.promptloop.api.ProblemException;
import dev.promptloop.api.PromptReplies;
import dev.promptloop.api.PromptRequests;
import dev.promptloop.prompt.PromptCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.util.Map;

/**
 * Prompt management: create, read, list and read versions, read the history, move labels. Direct commands carry an
 * {@code action}: {@code {"action":"create", ...prompt}}, {@code {"action":"get","promptId":..}},
 * {@code {"action":"versions","promptId":..,"limit":..,"cursor":..}}, {@code {"action":"version","promptId":..,
 * "version":n}}, {@code {"action":"history","promptId":..,"kind":..,"limit":..,"cursor":..}},
 * {@code {"action":"move-label","promptId":..,"label":..,"version":n}}.
 */
@Named(HandlerNames.PROMPTS)
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
        return events.handle(event, context, HandlerNames.PROMPTS, PromptsHandler::direct, this::serve);
    }

    private ApiReply serve(ApiCall call) {
        String id = call.pathParameter("id");
        String actor = call.caller().actor();
        return switch (call.route()) {
            case CREATE_PROMPT -> ApiReply.json(201, PromptReplies.write(
                    catalog.create(PromptRequests.create(call.body()), actor)));
            case GET_PROMPT -> ApiReply.json(200, PromptReplies.write(catalog.production(id)));
            case LIST_VERSIONS -> ApiReply.json(200, PromptReplies.writeVersions(
                    catalog.versions(id, ListQueries.versions(id, call.query()))));
            case GET_VERSION -> ApiReply.json(200, PromptReplies.write(catalog.version(id,
                    PromptRequests.versionNumber(id, call.pathParameter("version")))));
            case LIST_HISTORY -> {
                var query = ListQueries.history(id, call.query());
                yield ApiReply.json(200, HistoryReplies.write(id, query, catalog.history(id, query)));
            }
            case MOVE_LABEL -> {
                var move = PromptRequests.moveLabel(call.pathParameter("label"), call.body());
                yield ApiReply.json(200, PromptReplies.write(catalog.moveLabel(id, move.label(), move.version(),
                        move.reason(), actor)));
            }
            default -> throw new IllegalStateException("route " + call.route() + " is not served here");
        };
    }

    private static ApiCall direct(JsonNode event) {
        ObjectNode command = DirectCommands.object(event);
        String action = JsonFields.requiredString(command, "action");
        command.remove("action");
        return switch (action) {
            case "create" -> ApiCall.direct(Route.CREATE_PROMPT, Map.of(), command);
            case "get" -> ApiCall.directQuery(Route.GET_PROMPT, Map.of("id", DirectCommands.take(command, "promptId")),
                    DirectCommands.query(command));
            case "versions" -> ApiCall.directQuery(Route.LIST_VERSIONS,
                    Map.of("id", DirectCommands.take(command, "promptId")), DirectCommands.query(command));
            case "version" -> ApiCall.directQuery(Route.GET_VERSION, Map.of("id", DirectCommands.take(command,
                    "promptId"), "version", DirectCommands.takeText(command, "version")), DirectCommands.query(command));
            case "history" -> ApiCall.directQuery(Route.LIST_HISTORY,
                    Map.of("id", DirectCommands.take(command, "promptId")), DirectCommands.query(command));
            case "move-label" -> ApiCall.direct(Route.MOVE_LABEL, Map.of("id", DirectCommands.take(command,
                    "promptId"), "label", DirectCommands.take(command, "label")), command);
            default -> throw ProblemException.badRequest("invalid-command",
                    "action must be one of create, get, versions, version, history, move-label");
        };
    }
}
