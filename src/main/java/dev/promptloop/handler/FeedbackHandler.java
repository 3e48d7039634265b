package dev.promptloop.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.feedback.FeedbackInput;
import dev.promptloop.feedback.FeedbackRecorder;
import dev.promptloop.feedback.Thumb;
import dev.promptloop.problem.KnownFields;
import dev.promptloop.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Records a rating, thumb and/or critique for a render. Direct command:
 * {@code {"renderId":"...","rating"?:1..5,"thumb"?:"up"|"down","critique"?:"...","tags"?:[...]}}.
 */
@Named("feedback")
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
        return events.handle(event, context, "feedback", FeedbackHandler::direct, this::serve);
    }

    private ApiReply serve(ApiCall call) {
        JsonNode body = call.body();
        KnownFields.require(body, "the feedback", Set.of("rating", "thumb", "critique", "tags"));
        Optional<Thumb> thumb = JsonFields.optionalString(body, "thumb").map(t -> Thumb.fromWireName(t).orElseThrow(
                () -> ProblemException.unprocessable("invalid-thumb", "thumb must be 'up' or 'down'")));
        var input = new FeedbackInput(call.pathParameter("renderId"), JsonFields.optionalInt(body, "rating"), thumb,
                JsonFields.optionalString(body, "critique"), JsonFields.stringList(body, "tags"));
        var feedback = recorder.record(input);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("feedbackId", feedback.feedbackId());
        out.put("renderId", feedback.renderId());
        out.put("promptId", feedback.promptId());
        out.put("version", feedback.version());
        out.put("negative", feedback.negative());
        return ApiReply.json(201, out).counting(feedback.negative() ? "NegativeFeedback" : "PositiveFeedback", 1);
    }

    private static ApiCall direct(JsonNode event) {
        ObjectNode command = ApiEvents.commandObject(event);
        return new ApiCall(Route.FEEDBACK, Map.of("renderId", ApiEvents.takeString(command, "renderId")), command);
    }
}
