package dev.promptloop.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.VersionDiff;

import java.util.List;

/** {@code GET /prompts/{id}/versions/{n}/diff} as the management API writes it. */
public final class DiffReplies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private DiffReplies() {
    }

    public static ObjectNode write(String promptId, VersionDiff diff) {
        ObjectNode out = JSON.objectNode().put("id", promptId).put("version", diff.version())
                .put("against", diff.against());
        ObjectNode messages = out.putObject("messages");
        diff.messages().forEach(messages::put);
        ObjectNode rules = out.putObject("rules");
        rules.set("added", rules(diff.rulesAdded()));
        rules.set("removed", rules(diff.rulesRemoved()));
        var reworded = rules.putArray("reworded");
        diff.rulesReworded().forEach(r -> reworded.addObject().put("id", r.id()).put("before", r.before())
                .put("after", r.after()));
        ObjectNode protectedRules = out.putObject("protectedRules");
        protectedRules.set("added", texts(diff.protectedRulesAdded()));
        protectedRules.set("removed", texts(diff.protectedRulesRemoved()));
        ObjectNode checks = out.putObject("checks");
        checks.set("added", OutputCheckJson.write(diff.checksAdded()));
        checks.set("removed", OutputCheckJson.write(diff.checksRemoved()));
        ObjectNode model = out.putObject("model");
        diff.model().forEach((name, values) -> {
            ObjectNode change = model.putObject(name);
            put(change, "before", values.get(0));
            put(change, "after", values.get(1));
        });
        return out;
    }

    /** A model setting: a name, a number, or null for the deployment's default. */
    private static void put(ObjectNode node, String field, Object value) {
        if (value instanceof Integer whole) {
            node.put(field, whole);
        } else if (value instanceof Double fraction) {
            node.put(field, fraction);
        } else if (value != null) {
            node.put(field, value.toString());
        } else {
            node.putNull(field);
        }
    }

    private static ArrayNode rules(List<LearnedRule> rules) {
        ArrayNode array = JSON.arrayNode();
        rules.forEach(r -> array.addObject().put("id", r.id()).put("text", r.text()));
        return array;
    }

    private static ArrayNode texts(List<String> texts) {
        ArrayNode array = JSON.arrayNode();
        texts.forEach(array::add);
        return array;
    }
}
