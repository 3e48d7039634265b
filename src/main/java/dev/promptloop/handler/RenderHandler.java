package dev.promptloop.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.api.ApiReply;
import dev.promptloop.api.RenderRequests;
import dev.promptloop.render.Render;
import dev.promptloop.render.Renderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.jboss.logging.MDC;

import java.util.Map;

/**
 * Renders a prompt version and, unless {@code execute} is false, runs it on the model. Direct command:
 * {@code {"promptId":"...","variables":{...},"label"?:..,"version"?:n,"execute"?:bool,"key"?:".."}}. Without a
 * {@code key}, the subject of a JWT verified by API Gateway keeps its user on one side of a canary.
 */
@Named(HandlerNames.RENDER)
@ApplicationScoped
public class RenderHandler implements RequestHandler<JsonNode, JsonNode> {

    private final ApiEvents events;
    private final Renderer renderer;

    public RenderHandler(ApiEvents events, Renderer renderer) {
        this.events = events;
        this.renderer = renderer;
    }

    @Override
    public JsonNode handleRequest(JsonNode event, Context context) {
        return events.handle(event, context, HandlerNames.RENDER, RenderHandler::direct, this::serve);
    }

    private ApiReply serve(ApiCall call) {
        var request = RenderRequests.read(call.pathParameter("id"), call.body(), call.caller().tokenSubject());
        MDC.put("promptId", request.promptId());
        Render render = renderer.render(request);
        var reply = ApiReply.json(200, RenderRequests.write(render))
                .counting("ChecksFailed", render.checks().stream().filter(c -> !c.passed()).count());
        return render.usage().map(u -> reply.counting("Tokens", u.totalTokens())).orElse(reply);
    }

    private static ApiCall direct(JsonNode event) {
        ObjectNode command = DirectCommands.object(event);
        return ApiCall.direct(Route.RENDER, Map.of("id", DirectCommands.take(command, "promptId")), command);
    }
}
