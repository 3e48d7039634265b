package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.evaluation.EvaluationJson;
import dev.promptloop.evaluation.OutputCheck;
import dev.promptloop.evaluation.OutputCheckJson;
import dev.promptloop.problem.KnownFields;
import dev.promptloop.problem.ProblemException;
import dev.promptloop.prompt.LabelMove;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.NewPrompt;
import dev.promptloop.prompt.PromptView;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.prompt.RefinementSettingsJson;
import dev.promptloop.prompt.Trial;
import dev.promptloop.prompt.VersionStatus;

import java.util.List;
import java.util.Set;

import static dev.promptloop.handler.JsonFields.optionalInt;
import static dev.promptloop.handler.JsonFields.optionalNumber;
import static dev.promptloop.handler.JsonFields.optionalObject;
import static dev.promptloop.handler.JsonFields.optionalString;
import static dev.promptloop.handler.JsonFields.requiredString;

/** The JSON of prompts and versions: the create request in, versions out. */
final class PromptJson {

    static final int MAX_TOKENS_LIMIT = 32_768;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PromptJson() {
    }

    static NewPrompt readCreate(JsonNode body) {
        KnownFields.require(body, "the prompt", Set.of("id", "template", "model", "refinement", "checks", "protectedRules"));
        String id = requiredString(body, "id");
        JsonNode template = optionalObject(body, "template").orElseThrow(
                () -> ProblemException.badRequest("missing-field", "field 'template' is required"));
        KnownFields.require(template, "template", Set.of("system", "user"));
        String system = optionalString(template, "system").orElse(null);
        String user = optionalString(template, "user").orElseThrow(
                () -> ProblemException.badRequest("missing-field", "field 'template.user' is required"));
        ModelSettings model = optionalObject(body, "model").map(PromptJson::readModel).orElse(ModelSettings.DEFAULTS);
        RefinementSettings refinement = RefinementSettingsJson.read(body.get("refinement"));
        List<OutputCheck> checks = OutputCheckJson.read(body.get("checks"));
        List<String> protectedRules = JsonFields.stringList(body, "protectedRules");
        return NewPrompt.of(id, system, user, model, protectedRules, checks, refinement);
    }

    private static ModelSettings readModel(JsonNode model) {
        KnownFields.require(model, "model", Set.of("name", "temperature", "maxTokens"));
        String name = optionalString(model, "name").orElse(null);
        if (name != null && (name.isBlank() || name.length() > 128)) {
            throw ProblemException.unprocessable("invalid-model", "model.name must be 1 to 128 characters");
        }
        Double temperature = optionalNumber(model, "temperature").orElse(null);
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw ProblemException.unprocessable("invalid-model", "model.temperature must be between 0 and 2");
        }
        Integer maxTokens = optionalInt(model, "maxTokens").orElse(null);
        if (maxTokens != null && (maxTokens < 1 || maxTokens > MAX_TOKENS_LIMIT)) {
            throw ProblemException.unprocessable("invalid-model",
                    "model.maxTokens must be between 1 and " + MAX_TOKENS_LIMIT);
        }
        return new ModelSettings(name, temperature, maxTokens);
    }

    static ObjectNode write(PromptView view) {
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

    static ObjectNode writeVersions(String promptId, List<PromptView> versions) {
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

    private static ObjectNode move(LabelMove move) {
        ObjectNode out = JSON.objectNode();
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
