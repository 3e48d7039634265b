package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.core.NotFoundException;
import dev.promptloop.core.PromptId;
import dev.promptloop.core.Texts;
import dev.promptloop.refinement.RefinementOutcome;

import java.util.Set;

/** The refine function's direct command, {@code {"promptId": "..."}}, and its reply. */
public final class RefineCommand {

    private RefineCommand() {
    }

    /** The prompt id of a direct refine command; one that cannot name a prompt is simply not found. */
    public static String promptId(JsonNode command) {
        KnownFields.require(command, "the refine command", Set.of("promptId"));
        String promptId = JsonFields.requiredString(command, "promptId");
        if (!PromptId.isValid(promptId)) {
            throw new NotFoundException("prompt-not-found", "no prompt '" + Texts.excerpt(promptId) + "'");
        }
        return promptId;
    }

    public static ObjectNode write(RefinementOutcome outcome) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("promptId", outcome.promptId());
        out.put("status", outcome.status().wireName());
        out.put("pendingNegative", outcome.pendingNegative());
        outcome.newVersion().ifPresent(v -> out.put("version", v));
        out.put("detail", outcome.detail());
        return out;
    }
}
