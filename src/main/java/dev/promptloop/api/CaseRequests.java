package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.suite.NewCase;

import java.util.Optional;
import java.util.Set;

/** {@code POST /prompts/{id}/cases}: the owner's case read and validated in one pass. */
public final class CaseRequests {

    static final int MAX_NOTE_CHARS = Limits.MAX_CRITIQUE_CHARS;

    private CaseRequests() {
    }

    public static NewCase read(JsonNode body) {
        KnownFields.require(body, "the case", Set.of("variables", "checks", "note"));
        if (!body.path("variables").isObject()) {
            throw ProblemException.badRequest("invalid-field", "field 'variables' must be an object (the inputs "
                    + "the gate replays)");
        }
        var variables = Variables.read(body);
        var checks = OutputCheckJson.read(body.get("checks"));
        Optional<String> note = JsonFields.optionalString(body, "note");
        note.ifPresent(n -> {
            if (n.isBlank()) {
                throw ProblemException.unprocessable("invalid-note", "note must not be blank");
            }
            if (n.length() > MAX_NOTE_CHARS) {
                throw ProblemException.tooLarge("note-too-large", "note has " + n.length()
                        + " characters; the limit is " + MAX_NOTE_CHARS);
            }
        });
        if (checks.isEmpty() && note.isEmpty()) {
            throw ProblemException.unprocessable("empty-expectation", "give checks, a note for the judge, or both: "
                    + "what an output for these variables must do");
        }
        return new NewCase(variables, checks, note);
    }
}
