package dev.promptloop.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.problem.KnownFields;
import dev.promptloop.render.Render;
import dev.promptloop.render.RenderRequest;
import dev.promptloop.render.Renderer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.jboss.logging.MDC;

import java.util.Map;
import java.util.Set;

/**
 * Renders a prompt version and, unless {@code execute} is false, runs it on the model. Direct command:
 * {@code {"promptId":"...","variables":{...},"label"?:..,"version"?:n,"execute"?:bool,"key"?:".."}}. Without a
 * {@code key}, the subject of a JWT verified by API Gateway keeps its user on one side of a canary.
 */
@Named("render")
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
        return events.handle(event, context, "render", RenderHandler::direct, this::serve);
    }

    private ApiReply serve(ApiCall call) {
        JsonNode body = call.body();
        KnownFields.require(body, "the render request", Set.of("variables", "label", "version", "execute", "key"));
        var request = new RenderRequest(call.pathParameter("id"), JsonFields.scalarMap(body, "variables"),
                JsonFields.optionalString(body, "label"), JsonFields.optionalInt(body, "version"),
                JsonFields.optionalBoolean(body, "execute").orElse(true),
                JsonFields.optionalString(body, "key").or(call::verifiedSubject));
        MDC.put("promptId", request.promptId());
        Render render = renderer.render(request);
        var reply = ApiReply.json(200, write(render))
                .counting("ChecksFailed", render.checks().stream().filter(c -> !c.passed()).count());
        return render.usage().map(u -> reply.counting("Tokens", u.totalTokens())).orElse(reply);
    }

    private static ApiCall direct(JsonNode event) {
        ObjectNode command = ApiEvents.commandObject(event);
        return new ApiCall(Route.RENDER, Map.of("id", ApiEvents.takeString(command, "promptId")), command);
    }

    static ObjectNode write(Render render) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("renderId", render.renderId());
        out.put("promptId", render.promptId());
        out.put("version", render.version());
        var messages = out.putArray("messages");
        render.messages().forEach(m -> messages.addObject().put("role", m.role().wireName()).put("content", m.content()));
        render.output().ifPresent(o -> out.put("output", o));
        out.put("model", render.model());
        if (render.output().isPresent()) {
            var checks = out.putArray("checks");
            render.checks().forEach(c -> checks.addObject().put("type", c.type()).put("passed", c.passed())
                    .put("detail", c.detail()));
        }
        render.usage().ifPresent(u -> out.putObject("usage")
                .put("inputTokens", u.inputTokens())
                .put("outputTokens", u.outputTokens())
                .put("totalTokens", u.totalTokens()));
        return out;
    }
}
