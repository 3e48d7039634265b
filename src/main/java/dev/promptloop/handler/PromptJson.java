package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.problem.ProblemException;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.NewPrompt;
import dev.promptloop.prompt.Promotion;
import dev.promptloop.prompt.PromptView;
import dev.promptloop.prompt.RefinementSettings;

import java.util.List;
import java.util.Set;

import static dev.promptloop.handler.JsonFields.allowOnly;
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
        allowOnly(body, "the prompt", Set.of("id", "template", "model", "refinement"));
        String id = requiredString(body, "id");
        JsonNode template = optionalObject(body, "template").orElseThrow(
                () -> ProblemException.badRequest("missing-field", "field 'template' is required"));
        allowOnly(template, "template", Set.of("system", "user"));
        String system = optionalString(template, "system").orElse(null);
        String user = optionalString(template, "user").orElseThrow(
                () -> ProblemException.badRequest("missing-field", "field 'template.user' is required"));
        ModelSettings model = optionalObject(body, "model").map(PromptJson::readModel).orElse(ModelSettings.DEFAULTS);
        RefinementSettings refinement = optionalObject(body, "refinement").map(PromptJson::readRefinement)
                .orElse(RefinementSettings.DEFAULTS);
        return NewPrompt.of(id, system, user, model, refinement);
    }

    private static ModelSettings readModel(JsonNode model) {
        allowOnly(model, "model", Set.of("name", "temperature", "maxTokens"));
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

    private static RefinementSettings readRefinement(JsonNode refinement) {
        allowOnly(refinement, "refinement", Set.of("threshold", "promotion", "maxNewRules"));
        int threshold = optionalInt(refinement, "threshold").orElse(RefinementSettings.DEFAULT_THRESHOLD);
        if (threshold < 1 || threshold > RefinementSettings.MAX_THRESHOLD) {
            throw ProblemException.unprocessable("invalid-refinement",
                    "refinement.threshold must be between 1 and " + RefinementSettings.MAX_THRESHOLD);
        }
        String promotionName = optionalString(refinement, "promotion").orElse(Promotion.AUTO.wireName());
        Promotion promotion = Promotion.fromWireName(promotionName).orElseThrow(() -> ProblemException.unprocessable(
                "invalid-refinement", "refinement.promotion must be 'auto' or 'manual'"));
        int maxNewRules = optionalInt(refinement, "maxNewRules").orElse(RefinementSettings.DEFAULT_MAX_NEW_RULES);
        if (maxNewRules < 1 || maxNewRules > RefinementSettings.MAX_NEW_RULES_LIMIT) {
            throw ProblemException.unprocessable("invalid-refinement",
                    "refinement.maxNewRules must be between 1 and " + RefinementSettings.MAX_NEW_RULES_LIMIT);
        }
        return new RefinementSettings(threshold, promotion, maxNewRules);
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
        out.set("rules", rules(version.rules()));
        out.put("createdAt", version.createdAt().toString());
        out.put("reason", version.reason());
        if (version.parentVersion() != null) {
            out.put("parentVersion", version.parentVersion());
        }
        ObjectNode refinement = out.putObject("refinement");
        refinement.put("threshold", head.refinement().threshold());
        refinement.put("promotion", head.refinement().promotion().wireName());
        refinement.put("maxNewRules", head.refinement().maxNewRules());
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
            array.add(item);
        });
        return out;
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
