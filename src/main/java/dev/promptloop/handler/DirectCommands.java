package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.api.JsonFields;
import dev.promptloop.api.ProblemException;

/** Direct invocations: a JSON object whose routing fields are taken out, leaving the route's body. */
final class DirectCommands {

    private DirectCommands() {
    }

    /** A direct command must be a JSON object; anything else is a 400 problem. */
    static ObjectNode object(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw ProblemException.badRequest("invalid-command", "a direct invocation takes a JSON object");
        }
        return (ObjectNode) event.deepCopy();
    }

    /** Reads and removes a required string, so the rest of the command is the route's body. */
    static String take(ObjectNode command, String name) {
        String value = JsonFields.requiredString(command, name);
        command.remove(name);
        return value;
    }
}
