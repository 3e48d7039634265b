package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.core.Texts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads from a JSON request body. Every wrong shape becomes a 400 problem naming the field, so handlers never
 * guess and never reach the core with a half-valid request. {@code null} counts as absent.
 */
public final class JsonFields {

    private JsonFields() {
    }

    public static Optional<JsonNode> field(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    public static String requiredString(JsonNode object, String name) {
        return optionalString(object, name).orElseThrow(() -> ProblemException.badRequest("missing-field",
                "field '" + name + "' is required"));
    }

    public static Optional<String> optionalString(JsonNode object, String name) {
        return field(object, name).map(v -> {
            if (!v.isTextual()) {
                throw wrongType(name, "a string", v);
            }
            return v.textValue();
        });
    }

    public static Optional<Integer> optionalInt(JsonNode object, String name) {
        return field(object, name).map(v -> {
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw wrongType(name, "an integer", v);
            }
            return v.intValue();
        });
    }

    public static Optional<Double> optionalNumber(JsonNode object, String name) {
        return field(object, name).map(v -> {
            if (!v.isNumber()) {
                throw wrongType(name, "a number", v);
            }
            double value = v.doubleValue();
            if (!Double.isFinite(value)) {
                throw wrongType(name, "a finite number", v);
            }
            return value;
        });
    }

    public static Optional<Boolean> optionalBoolean(JsonNode object, String name) {
        return field(object, name).map(v -> {
            if (!v.isBoolean()) {
                throw wrongType(name, "true or false", v);
            }
            return v.booleanValue();
        });
    }

    public static Optional<JsonNode> optionalObject(JsonNode object, String name) {
        return field(object, name).map(v -> {
            if (!v.isObject()) {
                throw wrongType(name, "an object", v);
            }
            return v;
        });
    }

    public static List<String> stringList(JsonNode object, String name) {
        Optional<JsonNode> found = field(object, name);
        if (found.isEmpty()) {
            return List.of();
        }
        JsonNode array = found.get();
        if (!array.isArray()) {
            throw wrongType(name, "an array of strings", array);
        }
        List<String> values = new ArrayList<>(array.size());
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                throw wrongType(name + "[]", "a string", item);
            }
            values.add(item.textValue());
        }
        return values;
    }

    /** An object of scalar values, each turned into its text: numbers and booleans are accepted as variables. */
    public static Map<String, String> scalarMap(JsonNode object, String name) {
        Optional<JsonNode> found = optionalObject(object, name);
        Map<String, String> values = new LinkedHashMap<>();
        found.ifPresent(map -> map.fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue();
            if (!value.isValueNode() || value.isNull()) {
                throw wrongType(name + "." + Texts.excerpt(entry.getKey()), "a string, number or boolean",
                        value);
            }
            values.put(entry.getKey(), value.asText());
        }));
        return values;
    }

    private static ProblemException wrongType(String name, String expected, JsonNode actual) {
        return ProblemException.badRequest("invalid-field",
                "field '" + name + "' must be " + expected + ", got " + actual.getNodeType().name().toLowerCase());
    }
}
