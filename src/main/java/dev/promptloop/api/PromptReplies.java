package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.PromptView;
import dev.promptloop.prompt.Trial;
import dev.promptloop.prompt.VersionStatus;

import java.util.List;

/** Prompts and versions as the management API writes them. */
public final class PromptReplies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PromptReplies() {
    }

    public static ObjectNode write(PromptView view) {
        var version = view.version();
        var head = view.head();
        ObjectNode out = JSON.objectNode();
        out.put("id", version.promptId());
        out.put("version", version.version());
        var labels = out.putArray("labels");
        view.labels().forEach(labels::add);
        ObjectNode template = out.putObject("template");
        version.template().systemSource().ifPresent(s -> template.put("system", s));
        template.put("user", version.template().user().source());
        var variables = out.putArray("variables");
        version.template().variables().forEach(variables::add);
        ObjectNode model = out.putObject("model");
        if (version.model().name() != null) {
            model.put("name", version.model().name());
        }
        if (version.model().temperature() != null) {
            model.put("temperature", version.model().temperature());
        }
        if (version.model().maxTokens() != null) {
            model.put("maxTokens", version.model().maxTokens());
        }
        out.put("status", VersionStatus.of(head, version).wireName());
        var protectedRules = out.putArray("protectedRules");
        version.protectedRules().forEach(protectedRules::add);
        out.set("rules", rules(version.rules()));
        out.set("checks", OutputCheckJson.write(version.checks()));
        version.evaluation().ifPresent(e -> out.set("evaluation", EvaluationJson.write(e)));
        out.put("createdAt", version.createdAt().toString());
        out.put("reason", version.reason());
        if (version.parentVersion() != null) {
            out.put("parentVersion", version.parentVersion());
        }
        out.set("refinement", RefinementSettingsJson.write(head.refinement()));
        return out;
    }

    public static ObjectNode writeVersions(String promptId, List<PromptView> versions) {
        ObjectNode out = JSON.objectNode();
        out.put("id", promptId);
        if (!versions.isEmpty()) {
            ObjectNode labels = out.putObject("labels");
            versions.get(0).head().labels().forEach(labels::put);
        }
        var array = out.putArray("versions");
        versions.forEach(v -> {
            ObjectNode item = write(v);
            item.remove("refinement");
            var moves = item.putArray("labelMoves");
            v.head().movesOf(v.version().version()).forEach(m -> moves.add(move(m)));
            array.add(item);
        });
        if (!versions.isEmpty()) {
            var events = out.putArray("history");
            versions.get(0).head().history().forEach(m -> events.add(move(m)));
            var head = versions.get(0).head();
            head.canary().ifPresent(t -> out.set("canary", trial(t)));
            head.watch().ifPresent(t -> out.set("watch", trial(t)));
            var usage = head.usage();
            out.putObject("refinementUsage").put("day", usage.day().toString()).put("modelCalls", usage.modelCalls())
                    .put("tokens", usage.tokens());
        }
        return out;
    }

    private static ObjectNode trial(Trial trial) {
        return JSON.objectNode().put("version", trial.version()).put("baseline", trial.baseline())
                .put("since", trial.since().toString());
    }

    private static ObjectNode move(HistoryEntry move) {
        ObjectNode out = JSON.objectNode().put("kind", move.kind().wireName());
        if (move.label() != null) {
            out.put("label", move.label());
        }
        if (move.from() != null) {
            out.put("from", move.from());
        }
        if (move.to() != null) {
            out.put("to", move.to());
        }
        return out.put("reason", move.reason()).put("at", move.at().toString());
    }

    private static JsonNode rules(List<LearnedRule> rules) {
        var array = JSON.arrayNode();
        for (LearnedRule rule : rules) {
            ObjectNode item = array.addObject();
            item.put("text", rule.text());
            var ids = item.putArray("feedbackIds");
            rule.feedbackIds().forEach(ids::add);
            item.put("version", rule.version());
            item.put("createdAt", rule.createdAt().toString());
        }
        return array;
    }
}
