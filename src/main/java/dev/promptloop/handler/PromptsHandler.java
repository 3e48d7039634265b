package dev.promptloop.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.api.ApiReply;
import dev.promptloop.api.CaseReplies;
import dev.promptloop.api.CaseRequests;
import dev.promptloop.api.DiffReplies;
import dev.promptloop.api.FeedbackReplies;
import dev.promptloop.api.HistoryReplies;
import dev.promptloop.api.JsonFields;
import dev.promptloop.api.ListQueries;
import dev.promptloop.api.ProblemException;
import dev.promptloop.api.PromptReplies;
import dev.promptloop.api.PromptListReplies;
import dev.promptloop.api.PromptPatches;
import dev.promptloop.api.PromptRequests;
import dev.promptloop.api.Revisions;
import dev.promptloop.api.VersionRequests;
import dev.promptloop.prompt.ChangeAuthor;
import dev.promptloop.prompt.HumanVersions;
import dev.promptloop.prompt.PromptView;
import dev.promptloop.prompt.PromptCatalog;
import dev.promptloop.prompt.PromptDirectory;
import dev.promptloop.prompt.VersionStatus;
import dev.promptloop.suite.RegressionSuite;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.util.Map;

/**
 * Prompt management: create, list, read, change settings, list and read versions, read the history, move labels,
 * manage the regression suite. A
 * prompt's reply carries its revision as ETag; changes honour If-Match. Direct commands carry an {@code action}:
 * {@code {"action":"create", ...prompt}}, {@code {"action":"list","tag"?:..,"limit"?:..,"cursor"?:..}},
 * {@code {"action":"get","promptId":..}},
 * {@code {"action":"patch","promptId":..,"ifMatch"?:"\"3\"", ...merge patch}},
 * {@code {"action":"versions","promptId":..,"limit":..,"cursor":..}},
 * {@code {"action":"write-version","promptId":..,"ifMatch"?:.., ...version}}, {@code {"action":"version","promptId":..,
 * "version":n}}, {@code {"action":"history","promptId":..,"kind":..,"limit":..,"cursor":..}},
 * {@code {"action":"diff","promptId":..,"version":n,"against"?:m}},
 * {@code {"action":"feedback","promptId":..,"status":..,"version":..,"limit":..,"cursor":..}},
 * {@code {"action":"move-label","promptId":..,"label":..,"version":n}},
 * {@code {"action":"cases","promptId":..,"limit":..,"cursor":..}}, {@code {"action":"add-case","promptId":..,
 * "variables":{..},"checks"?:[..],"note"?:..}}, {@code {"action":"delete-case","promptId":..,"caseId":..}}.
 */
@Named(HandlerNames.PROMPTS)
@ApplicationScoped
public class PromptsHandler implements RequestHandler<JsonNode, JsonNode> {

    private final ApiEvents events;
    private final PromptCatalog catalog;
    private final PromptDirectory directory;
    private final HumanVersions humanVersions;
    private final RegressionSuite suite;

    public PromptsHandler(ApiEvents events, PromptCatalog catalog, PromptDirectory directory,
            HumanVersions humanVersions, RegressionSuite suite) {
        this.events = events;
        this.catalog = catalog;
        this.directory = directory;
        this.humanVersions = humanVersions;
        this.suite = suite;
    }

    @Override
    public JsonNode handleRequest(JsonNode event, Context context) {
        return events.handle(event, context, HandlerNames.PROMPTS, PromptsHandler::direct, this::serve);
    }

    private ApiReply serve(ApiCall call) {
        String id = call.pathParameter("id");
        String actor = call.caller().actor();
        return switch (call.route()) {
            case CREATE_PROMPT -> prompt(201, catalog.create(PromptRequests.create(call.body()), actor));
            case LIST_PROMPTS -> {
                var query = ListQueries.prompts(call.query());
                yield ApiReply.json(200, PromptListReplies.write(query, directory.list(query)));
            }
            case GET_PROMPT -> prompt(200, catalog.production(id));
            case PATCH_PROMPT -> {
                var head = catalog.head(id);
                yield prompt(200, catalog.changeSettings(head, PromptPatches.apply(head.settings(), call.body()),
                        author(call)));
            }
            case CREATE_VERSION -> {
                var written = humanVersions.write(id, VersionRequests.read(call.body()), author(call));
                // accepted, not done: the refine function runs the gate and moves the label
                int status = written.view().status() == VersionStatus.EVALUATING ? 202 : 201;
                yield withRevision(ApiReply.json(status, PromptReplies.write(written)), written.view());
            }
            case LIST_VERSIONS -> ApiReply.json(200, PromptReplies.writeVersions(
                    catalog.versions(id, ListQueries.versions(id, call.query()))));
            case GET_VERSION -> prompt(200, catalog.version(id,
                    PromptRequests.versionNumber(id, call.pathParameter("version"))));
            case DIFF_VERSION -> ApiReply.json(200, DiffReplies.write(id, catalog.diff(id,
                    PromptRequests.versionNumber(id, call.pathParameter("version")),
                    ListQueries.against(id, call.query()))));
            case LIST_HISTORY -> {
                var query = ListQueries.history(id, call.query());
                yield ApiReply.json(200, HistoryReplies.write(id, query, catalog.history(id, query)));
            }
            case LIST_FEEDBACK -> {
                var query = ListQueries.feedback(id, call.query());
                yield ApiReply.json(200, FeedbackReplies.write(id, query, directory.feedback(id, query)));
            }
            case MOVE_LABEL -> prompt(200, catalog.moveLabel(id,
                    PromptRequests.moveLabel(call.pathParameter("label"), call.body()), author(call)));
            case LIST_CASES -> ApiReply.json(200, CaseReplies.write(id, suite.list(id,
                    CaseReplies.page(id, call.query()))));
            case ADD_CASE -> ApiReply.json(201, CaseReplies.write(id, suite.add(id, CaseRequests.read(call.body()),
                    actor)));
            case DELETE_CASE -> ApiReply.json(200, CaseReplies.write(id, suite.delete(id,
                    call.pathParameter("caseId"), actor)));
            default -> throw new IllegalStateException("route " + call.route() + " is not served here");
        };
    }

    /** A version with its prompt's revision as the reply's ETag, for a conditional change after it. */
    private static ApiReply prompt(int status, PromptView view) {
        return withRevision(ApiReply.json(status, PromptReplies.write(view)), view);
    }

    private static ApiReply withRevision(ApiReply reply, PromptView view) {
        return reply.withHeader("ETag", Revisions.etag(view.head().revision()));
    }

    private static ChangeAuthor author(ApiCall call) {
        return new ChangeAuthor(call.caller().actor(), Revisions.ifMatch(call.header(ApiCall.IF_MATCH)));
    }

    private static ApiCall direct(JsonNode event) {
        ObjectNode command = DirectCommands.object(event);
        String action = JsonFields.requiredString(command, "action");
        command.remove("action");
        return switch (action) {
            case "create" -> ApiCall.direct(Route.CREATE_PROMPT, Map.of(), command);
            case "list" -> ApiCall.directQuery(Route.LIST_PROMPTS, Map.of(), DirectCommands.query(command));
            case "get" -> ApiCall.directQuery(Route.GET_PROMPT, Map.of("id", DirectCommands.take(command, "promptId")),
                    DirectCommands.query(command));
            case "versions" -> ApiCall.directQuery(Route.LIST_VERSIONS,
                    Map.of("id", DirectCommands.take(command, "promptId")), DirectCommands.query(command));
            case "write-version" -> ApiCall.direct(Route.CREATE_VERSION, Map.of("id", DirectCommands.take(command,
                    "promptId")), command, DirectCommands.takeOptional(command, "ifMatch"));
            case "version" -> ApiCall.directQuery(Route.GET_VERSION, Map.of("id", DirectCommands.take(command,
                    "promptId"), "version", DirectCommands.takeText(command, "version")),
                    DirectCommands.query(command));
            case "diff" -> ApiCall.directQuery(Route.DIFF_VERSION, Map.of("id", DirectCommands.take(command,
                    "promptId"), "version", DirectCommands.takeText(command, "version")),
                    DirectCommands.query(command));
            case "feedback" -> ApiCall.directQuery(Route.LIST_FEEDBACK,
                    Map.of("id", DirectCommands.take(command, "promptId")), DirectCommands.query(command));
            case "history" -> ApiCall.directQuery(Route.LIST_HISTORY,
                    Map.of("id", DirectCommands.take(command, "promptId")), DirectCommands.query(command));
            case "patch" -> ApiCall.direct(Route.PATCH_PROMPT, Map.of("id", DirectCommands.take(command,
                    "promptId")), command, DirectCommands.takeOptional(command, "ifMatch"));
            case "cases" -> ApiCall.directQuery(Route.LIST_CASES,
                    Map.of("id", DirectCommands.take(command, "promptId")), DirectCommands.query(command));
            case "add-case" -> ApiCall.direct(Route.ADD_CASE, Map.of("id", DirectCommands.take(command, "promptId")),
                    command);
            case "delete-case" -> ApiCall.direct(Route.DELETE_CASE, Map.of("id", DirectCommands.take(command,
                    "promptId"), "caseId", DirectCommands.take(command, "caseId")), command);
            case "move-label" -> ApiCall.direct(Route.MOVE_LABEL, Map.of("id", DirectCommands.take(command,
                    "promptId"), "label", DirectCommands.take(command, "label")), command,
                    DirectCommands.takeOptional(command, "ifMatch"));
            default -> throw ProblemException.badRequest("invalid-command",
                    "action must be one of create, list, get, patch, versions, write-version, version, history,"
                            + " diff, feedback, move-label, cases, add-case, delete-case");
        };
    }
}
