package dev.promptloop.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.api.ApiReply;
import dev.promptloop.api.FeedbackRequests;
import dev.promptloop.feedback.FeedbackRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.util.Map;

/**
 * Records a rating, thumb and/or critique for a render. Direct command:
 * {@code {"renderId":"...","rating"?:1..5,"thumb"?:"up"|"down","critique"?:"...","tags"?:[...]}}.
 */
@Named(HandlerNames.FEEDBACK)
@ApplicationScoped
public class FeedbackHandler implements RequestHandler<JsonNode, JsonNode> {

    private final ApiEvents events;
    private final FeedbackRecorder recorder;

    public FeedbackHandler(ApiEvents events, FeedbackRecorder recorder) {
        this.events = events;
        this.recorder = recorder;
    }

    @Override
    public JsonNode handleRequest(JsonNode event, Context context) {
        return events.handle(event, context, HandlerNames.FEEDBACK, FeedbackHandler::direct, this::serve);
    }

    private ApiReply serve(ApiCall call) {
        var feedback = recorder.record(FeedbackRequests.read(call.pathParameter("renderId"), call.body(),
                call.caller().verified()));
        return ApiReply.json(201, FeedbackRequests.write(feedback))
                .counting(feedback.negative() ? "NegativeFeedback" : "PositiveFeedback", 1);
    }

    private static ApiCall direct(JsonNode event) {
        ObjectNode command = DirectCommands.object(event);
        return ApiCall.direct(Route.FEEDBACK, Map.of("renderId", DirectCommands.take(command, "renderId")), command);
    }
}
