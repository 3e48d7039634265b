package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackInput;
import dev.promptloop.feedback.Thumb;

import java.util.Optional;
import java.util.Set;

/** {@code POST /renders/{renderId}/feedback}: the feedback read and validated in one pass, and the reply. */
public final class FeedbackRequests {

    private FeedbackRequests() {
    }

    /** @param caller who signed the request, as API Gateway verified it (JWT subject or IAM principal), if anyone */
    public static FeedbackInput read(String renderId, JsonNode body, Optional<String> caller) {
        KnownFields.require(body, "the feedback", Set.of("rating", "thumb", "critique", "tags"));
        Optional<Thumb> thumb = JsonFields.optionalString(body, "thumb").map(t -> Thumb.fromWireName(t).orElseThrow(
                () -> ProblemException.unprocessable("invalid-thumb", "thumb must be 'up' or 'down'")));
        var input = new FeedbackInput(renderId, JsonFields.optionalInt(body, "rating"), thumb,
                JsonFields.optionalString(body, "critique"), JsonFields.stringList(body, "tags"), caller);
        if (input.rating().isEmpty() && input.thumb().isEmpty() && input.critique().isEmpty()) {
            throw ProblemException.unprocessable("empty-feedback", "give at least one of rating, thumb or critique");
        }
        input.rating().ifPresent(r -> {
            if (r < 1 || r > 5) {
                throw ProblemException.unprocessable("invalid-rating", "rating must be an integer from 1 to 5, got " + r);
            }
        });
        input.critique().ifPresent(c -> {
            if (c.isBlank()) {
                throw ProblemException.unprocessable("invalid-critique", "critique must not be blank");
            }
            if (c.length() > Limits.MAX_CRITIQUE_CHARS) {
                throw ProblemException.tooLarge("critique-too-large",
                        "critique has " + c.length() + " characters; the limit is " + Limits.MAX_CRITIQUE_CHARS);
            }
        });
        Tags.requireValid(input.tags());
        return input;
    }

    public static ObjectNode write(Feedback feedback) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("feedbackId", feedback.feedbackId());
        out.put("renderId", feedback.renderId());
        out.put("promptId", feedback.promptId());
        out.put("version", feedback.version());
        out.put("negative", feedback.negative());
        return out;
    }
}
