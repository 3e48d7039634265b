package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.PromptView;
import dev.promptloop.prompt.Trial;
import dev.promptloop.prompt.VersionList;
import dev.promptloop.prompt.WrittenVersion;

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
        out.put("status", view.status().wireName());
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
        head.settings().description().ifPresent(d -> out.put("description", d));
        var tags = out.putArray("tags");
        head.settings().tags().forEach(tags::add);
        out.put("archived", head.settings().archived());
        out.put("revision", head.revision());
        return out;
    }

    /** A hand-written version, with the variables its template adds to and drops from production's. */
    public static ObjectNode write(WrittenVersion written) {
        ObjectNode out = write(written.view());
        var added = out.putArray("variablesAdded");
        written.variablesAdded().forEach(added::add);
        var dropped = out.putArray("variablesDropped");
        written.variablesDropped().forEach(dropped::add);
        return out;
    }

    /** A page of versions, with the head's labels, trials and usage; {@code next} when there is more. */
    public static ObjectNode writeVersions(VersionList list) {
        var head = list.head();
        ObjectNode out = JSON.objectNode();
        out.put("id", head.promptId());
        ObjectNode labels = out.putObject("labels");
        head.labels().forEach(labels::put);
        out.put("latestVersion", head.latestVersion());
        var array = out.putArray("versions");
        list.versions().items().forEach(v -> array.add(write(v).without(List.of("refinement", "description", "tags",
                "archived", "revision"))));
        head.canary().ifPresent(t -> out.set("canary", trial(t)));
        head.watch().ifPresent(t -> out.set("watch", trial(t)));
        head.gate().ifPresent(t -> out.set("gate", trial(t)));
        var usage = head.usage();
        out.putObject("refinementUsage").put("day", usage.day().toString()).put("modelCalls", usage.modelCalls())
                .put("tokens", usage.tokens());
        list.versions().next().ifPresent(position -> out.put("next",
                Cursors.encode(ListQueries.versionsScope(head.promptId()), position)));
        return out;
    }

    private static ObjectNode trial(Trial trial) {
        return JSON.objectNode().put("version", trial.version()).put("baseline", trial.baseline())
                .put("since", trial.since().toString());
    }

    private static JsonNode rules(List<LearnedRule> rules) {
        var array = JSON.arrayNode();
        for (LearnedRule rule : rules) {
            ObjectNode item = array.addObject();
            item.put("id", rule.id());
            item.put("text", rule.text());
            var ids = item.putArray("feedbackIds");
            rule.feedbackIds().forEach(ids::add);
            item.put("version", rule.version());
            item.put("createdAt", rule.createdAt().toString());
            if (!rule.edits().isEmpty()) {
                var edits = item.putArray("edits");
                rule.edits().forEach(e -> edits.addObject().put("version", e.version())
                        .put("previousText", e.previousText()).put("actor", e.actor()).put("at", e.at().toString()));
            }
            var recurrences = item.putArray("recurrences");
            rule.recurrences().forEach(recurrences::add);
            var gates = item.putArray("gates");
            rule.gates().forEach(g -> gates.addObject().put("version", g.version()).put("passed", g.passed())
                    .put("reason", g.reason()));
        }
        return array;
    }
}
