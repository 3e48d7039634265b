package dev.promptloop.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.check.JsonOutputCheck;
import dev.promptloop.check.OutputCheck;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A version's checks in its {@code checks} attribute (a JSON array, the shape the API speaks). Read leniently: no
 * limit applies, and a check this code cannot run (a type from a newer version, a pattern or schema that no longer
 * compiles) is left out rather than making the whole version unreadable.
 */
final class CheckCodec {

    private CheckCodec() {
    }

    static String write(List<OutputCheck> checks) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (OutputCheck check : checks) {
            ObjectNode node = array.addObject().put("type", check.type());
            if (check instanceof OutputCheck.ContainsVariable c) {
                node.put("variable", c.variable());
            } else if (check instanceof OutputCheck.Contains c) {
                node.put("value", c.value());
            } else if (check instanceof OutputCheck.Matches c) {
                node.put("pattern", c.pattern().pattern());
            } else if (check instanceof JsonOutputCheck c) {
                c.schema().ifPresent(schema -> node.set("schema", StoredJson.read(schema)));
            } else if (check instanceof OutputCheck.Length c) {
                node.put("value", c.limit());
            }
        }
        return StoredJson.write(array);
    }

    static List<OutputCheck> read(String text) {
        List<OutputCheck> checks = new ArrayList<>();
        for (JsonNode node : StoredJson.read(text)) {
            readOne(node).ifPresent(checks::add);
        }
        return checks;
    }

    private static Optional<OutputCheck> readOne(JsonNode node) {
        String type = node.path("type").asText("");
        try {
            return Optional.ofNullable(switch (type) {
                case "contains-variable" -> new OutputCheck.ContainsVariable(node.path("variable").asText());
                case "contains", "not-contains" -> new OutputCheck.Contains(node.path("value").asText(),
                        type.startsWith("not-"));
                case "regex", "not-regex" -> new OutputCheck.Matches(Pattern.compile(node.path("pattern").asText()),
                        type.startsWith("not-"));
                case "json" -> JsonOutputCheck.of(node.path("schema").isObject()
                        ? Optional.of(node.get("schema").toString()) : Optional.empty());
                case "max-length", "min-length" -> new OutputCheck.Length(node.path("value").asInt(),
                        type.equals("max-length"));
                default -> null;
            });
        } catch (IllegalArgumentException e) {  // a pattern or a schema that does not compile
            return Optional.empty();
        }
    }
}
