package dev.promptloop.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.check.JsonOutputCheck;
import dev.promptloop.check.OutputCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks as the API reads (strictly: every mistake is a 4xx problem naming the check) and writes them:
 * {@code {"type": "contains-variable", "variable": "price"}}, {@code {"type": "contains"|"not-contains", "value": ..}},
 * {@code {"type": "regex"|"not-regex", "pattern": ..}}, {@code {"type": "json", "schema"?: {..}}},
 * {@code {"type": "max-length"|"min-length", "value": n}}.
 */
public final class OutputCheckJson {

    public static final int MAX_CHECKS = 20;
    static final int MAX_TEXT = 1_000;
    static final int MAX_PATTERN = 500;
    static final int MAX_SCHEMA_CHARS = 16_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper SCHEMA_READER = new ObjectMapper();

    private OutputCheckJson() {
    }

    /** Reads and validates a list of checks; every mistake is a 4xx problem naming the check. */
    public static List<OutputCheck> read(JsonNode array) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        if (!array.isArray()) {
            throw ProblemException.badRequest("invalid-field", "field 'checks' must be an array of objects");
        }
        if (array.size() > MAX_CHECKS) {
            throw ProblemException.tooLarge("too-many-checks", array.size() + " checks; the limit is " + MAX_CHECKS);
        }
        List<OutputCheck> checks = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            checks.add(readOne(array.get(i), "checks[" + i + "]"));
        }
        return checks;
    }

    private static OutputCheck readOne(JsonNode node, String where) {
        if (!node.isObject()) {
            throw ProblemException.badRequest("invalid-check", where + " must be an object");
        }
        String type = node.path("type").asText("");
        return switch (type) {
            case "contains-variable" -> {
                KnownFields.require(node, where, Set.of("type", "variable"));
                yield new OutputCheck.ContainsVariable(text(node, "variable", where, 64));
            }
            case "contains", "not-contains" -> {
                KnownFields.require(node, where, Set.of("type", "value"));
                yield new OutputCheck.Contains(text(node, "value", where, MAX_TEXT), type.startsWith("not-"));
            }
            case "regex", "not-regex" -> {
                KnownFields.require(node, where, Set.of("type", "pattern"));
                String pattern = text(node, "pattern", where, MAX_PATTERN);
                try {
                    yield new OutputCheck.Matches(Pattern.compile(pattern), type.startsWith("not-"));
                } catch (PatternSyntaxException e) {
                    throw ProblemException.unprocessable("invalid-check", where + ".pattern is not a valid regular "
                            + "expression: " + e.getDescription());
                }
            }
            case "json" -> {
                KnownFields.require(node, where, Set.of("type", "schema"));
                JsonNode schema = node.get("schema");
                if (schema == null || schema.isNull()) {
                    yield JsonOutputCheck.of(Optional.empty());
                }
                if (!schema.isObject() || schema.toString().length() > MAX_SCHEMA_CHARS) {
                    throw ProblemException.unprocessable("invalid-check", where + ".schema must be a JSON Schema object"
                            + " of at most " + MAX_SCHEMA_CHARS + " characters");
                }
                requireLocalReferences(schema, where);
                try {
                    yield JsonOutputCheck.of(Optional.of(schema.toString()));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.unprocessable("invalid-check", where + ".schema is not a usable JSON Schema");
                }
            }
            case "max-length", "min-length" -> {
                KnownFields.require(node, where, Set.of("type", "value"));
                JsonNode value = node.get("value");
                if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1
                        || value.intValue() > 1_000_000) {
                    throw ProblemException.unprocessable("invalid-check",
                            where + ".value must be an integer from 1 to 1000000");
                }
                yield new OutputCheck.Length(value.intValue(), type.equals("max-length"));
            }
            default -> throw ProblemException.unprocessable("invalid-check", where + ".type must be one of "
                    + "contains-variable, contains, not-contains, regex, not-regex, json, max-length, min-length");
        };
    }

    public static ArrayNode write(List<OutputCheck> checks) {
        ArrayNode array = JSON.arrayNode();
        for (OutputCheck check : checks) {
            ObjectNode node = array.addObject().put("type", check.type());
            if (check instanceof OutputCheck.ContainsVariable c) {
                node.put("variable", c.variable());
            } else if (check instanceof OutputCheck.Contains c) {
                node.put("value", c.value());
            } else if (check instanceof OutputCheck.Matches c) {
                node.put("pattern", c.pattern().pattern());
            } else if (check instanceof JsonOutputCheck c) {
                c.schema().ifPresent(schema -> node.set("schema", schemaNode(schema)));
            } else if (check instanceof OutputCheck.Length c) {
                node.put("value", c.limit());
            }
        }
        return array;
    }

    private static JsonNode schemaNode(String schema) {
        try {
            return SCHEMA_READER.readTree(schema);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a check's schema is not JSON", e);
        }
    }

    /** A schema may only refer to itself: a remote $ref would make a render fetch from the network. */
    private static void requireLocalReferences(JsonNode node, String where) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && !ref.asText("").startsWith("#")) {
                throw ProblemException.unprocessable("invalid-check", where + ".schema may only use local $ref (#...)");
            }
        }
        node.elements().forEachRemaining(child -> requireLocalReferences(child, where));
    }

    private static String text(JsonNode node, String field, String where, int max) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw ProblemException.unprocessable("invalid-check", where + "." + field + " must be a non-empty string");
        }
        if (value.textValue().length() > max) {
            throw ProblemException.tooLarge("check-too-large", where + "." + field + " has more than " + max
                    + " characters");
        }
        return value.textValue();
    }
}
