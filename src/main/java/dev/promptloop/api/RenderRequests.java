package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.render.Render;
import dev.promptloop.render.RenderRequest;

import java.util.Optional;
import java.util.Set;

/** {@code POST /prompts/{id}/render}: the request read and validated in one pass, and the render written back. */
public final class RenderRequests {

    private RenderRequests() {
    }

    /**
     * @param verifiedSubject the subject of a JWT API Gateway verified, the sticky key when the body names none
     */
    public static RenderRequest read(String promptId, JsonNode body, Optional<String> verifiedSubject) {
        KnownFields.require(body, "the render request", Set.of("variables", "label", "version", "execute", "key"));
        var givenKey = JsonFields.optionalString(body, "key");
        var request = new RenderRequest(promptId, Variables.read(body),
                JsonFields.optionalString(body, "label"), JsonFields.optionalInt(body, "version"),
                JsonFields.optionalBoolean(body, "execute").orElse(true), givenKey.or(() -> verifiedSubject),
                verifiedSubject.or(() -> givenKey));
        request.key().ifPresent(key -> {
            if (key.isEmpty() || key.length() > Limits.MAX_KEY_CHARS) {
                throw ProblemException.unprocessable("invalid-key", "key must be 1 to " + Limits.MAX_KEY_CHARS
                        + " characters");
            }
        });
        return request;
    }

    public static ObjectNode write(Render render) {
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
