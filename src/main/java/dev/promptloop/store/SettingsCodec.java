package dev.promptloop.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.prompt.Promotion;
import dev.promptloop.prompt.RefinementSettings;

/**
 * Refinement settings in the head's {@code refinement} attribute (JSON text). Read leniently: a missing or unreadable
 * field takes its default, unknown fields are ignored, and no API limit applies to what is stored.
 */
final class SettingsCodec {

    private SettingsCodec() {
    }

    static String write(RefinementSettings settings) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("threshold", settings.threshold());
        out.put("promotion", settings.promotion().wireName());
        out.put("maxNewRules", settings.maxNewRules());
        out.put("checkWeight", settings.checkWeight());
        var evaluation = out.putObject("evaluation").put("maxCases", settings.evaluation().maxCases())
                .put("minWinMargin", settings.evaluation().minWinMargin());
        // added later: written only when it is not the default, so heads from before it are written as they were
        if (settings.evaluation().candidates() != RefinementSettings.EvaluationSettings.DEFAULTS.candidates()) {
            evaluation.put("candidates", settings.evaluation().candidates());
        }
        out.putObject("budget").put("maxModelCallsPerDay", settings.budget().maxModelCallsPerDay())
                .put("maxTokensPerDay", settings.budget().maxTokensPerDay());
        out.putObject("canary").put("share", settings.canary().share())
                .put("confidence", settings.canary().confidence())
                .put("maxSamples", settings.canary().maxSamples())
                .put("rollbackMargin", settings.canary().rollbackMargin());
        // added later: written only when it is not the default, so heads from before it are written as they were
        if (settings.ruleTokens() != RefinementSettings.DEFAULT_RULE_TOKENS) {
            out.put("ruleTokens", settings.ruleTokens());
        }
        return StoredJson.write(out);
    }

    static RefinementSettings read(String text) {
        JsonNode node = StoredJson.read(text);
        var defaults = RefinementSettings.DEFAULTS;
        JsonNode evaluation = node.path("evaluation");
        JsonNode budget = node.path("budget");
        JsonNode canary = node.path("canary");
        var evaluationDefaults = defaults.evaluation();
        var budgetDefaults = defaults.budget();
        var canaryDefaults = defaults.canary();
        return new RefinementSettings(
                integer(node, "threshold", defaults.threshold()),
                Promotion.fromWireName(node.path("promotion").asText("")).orElse(defaults.promotion()),
                integer(node, "maxNewRules", defaults.maxNewRules()),
                number(node, "checkWeight", defaults.checkWeight()),
                new RefinementSettings.EvaluationSettings(integer(evaluation, "maxCases", evaluationDefaults.maxCases()),
                        number(evaluation, "minWinMargin", evaluationDefaults.minWinMargin()),
                        integer(evaluation, "candidates", evaluationDefaults.candidates())),
                new RefinementSettings.BudgetSettings(
                        integer(budget, "maxModelCallsPerDay", budgetDefaults.maxModelCallsPerDay()),
                        integer(budget, "maxTokensPerDay", budgetDefaults.maxTokensPerDay())),
                new RefinementSettings.CanarySettings(number(canary, "share", canaryDefaults.share()),
                        number(canary, "confidence", canaryDefaults.confidence()),
                        integer(canary, "maxSamples", canaryDefaults.maxSamples()),
                        number(canary, "rollbackMargin", canaryDefaults.rollbackMargin())),
                integer(node, "ruleTokens", defaults.ruleTokens()));
    }

    private static int integer(JsonNode node, String field, int fallback) {
        JsonNode value = node.path(field);
        return value.canConvertToInt() ? value.intValue() : fallback;
    }

    private static double number(JsonNode node, String field, double fallback) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.doubleValue() : fallback;
    }
}
