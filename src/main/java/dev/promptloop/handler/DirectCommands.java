package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.api.JsonFields;
import dev.promptloop.api.ProblemException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    /** Reads and removes an optional string. */
    static Optional<String> takeOptional(ObjectNode command, String name) {
        if (!command.has(name)) {
            return Optional.empty();
        }
        return Optional.of(take(command, name));
    }

    /** Reads and removes a required field given as a string or a whole number, as its text. */
    static String takeText(ObjectNode command, String name) {
        JsonNode value = command.remove(name);
        if (value == null || !(value.isTextual() || value.isIntegralNumber())) {
            throw ProblemException.badRequest("invalid-command", name + " must be a string or a whole number");
        }
        return value.asText();
    }

    /** What is left of a read's command, as query parameters: each a string or a whole number. */
    static Map<String, String> query(ObjectNode command) {
        Map<String, String> query = new HashMap<>();
        for (String name : List.copyOf(command.properties().stream().map(Map.Entry::getKey).toList())) {
            query.put(name, takeText(command, name));
        }
        return query;
    }
}
