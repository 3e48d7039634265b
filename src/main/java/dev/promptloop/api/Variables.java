package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.core.Texts;

import java.util.Map;

/** A request's {@code variables}: an object of scalars, within the count and size limits. */
final class Variables {

    private Variables() {
    }

    static Map<String, String> read(JsonNode body) {
        Map<String, String> variables = JsonFields.scalarMap(body, "variables");
        if (variables.size() > Limits.MAX_VARIABLES) {
            throw ProblemException.tooLarge("too-many-variables",
                    variables.size() + " variables given; the limit is " + Limits.MAX_VARIABLES);
        }
        variables.forEach((name, value) -> {
            if (value.length() > Limits.MAX_VARIABLE_CHARS) {
                throw ProblemException.tooLarge("variable-too-large", "variable '" + Texts.excerpt(name)
                        + "' has " + value.length() + " characters; the limit is " + Limits.MAX_VARIABLE_CHARS);
            }
        });
        return variables;
    }
}
