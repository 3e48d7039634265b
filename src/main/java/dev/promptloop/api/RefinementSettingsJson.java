package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.prompt.Promotion;
import dev.promptloop.prompt.RefinementSettings;

import java.util.Set;

/** Refinement settings as the API reads and writes them; missing fields take their defaults. */
public final class RefinementSettingsJson {

    private RefinementSettingsJson() {
    }

    public static RefinementSettings read(JsonNode node) {
        if (node == null || node.isNull()) {
            return RefinementSettings.DEFAULTS;
        }
        requireObject(node, "refinement");
        KnownFields.require(node, "refinement", Set.of("threshold", "promotion", "maxNewRules", "checkWeight",
                "evaluation", "budget", "canary", "ruleTokens"));
        var defaults = RefinementSettings.DEFAULTS;
        int threshold = integer(node, "threshold", defaults.threshold(), 1, RefinementSettings.MAX_THRESHOLD,
                "refinement");
        String promotionName = node.path("promotion").asText(defaults.promotion().wireName());
        Promotion promotion = Promotion.fromWireName(promotionName).orElseThrow(() -> ProblemException.unprocessable(
                "invalid-refinement", "refinement.promotion must be auto, manual, evaluated or canary"));
        int maxNewRules = integer(node, "maxNewRules", defaults.maxNewRules(), 1,
                RefinementSettings.MAX_NEW_RULES_LIMIT, "refinement");
        double checkWeight = number(node, "checkWeight", defaults.checkWeight(), 0, 10, "refinement");
        int ruleTokens = integer(node, "ruleTokens", defaults.ruleTokens(), RefinementSettings.MIN_RULE_TOKENS,
                RefinementSettings.MAX_RULE_TOKENS, "refinement");
        return new RefinementSettings(threshold, promotion, maxNewRules, checkWeight, evaluation(node.get("evaluation")),
                budget(node.get("budget")), canary(node.get("canary")), ruleTokens);
    }

    private static RefinementSettings.EvaluationSettings evaluation(JsonNode node) {
        var defaults = RefinementSettings.EvaluationSettings.DEFAULTS;
        if (node == null || node.isNull()) {
            return defaults;
        }
        requireObject(node, "refinement.evaluation");
        KnownFields.require(node, "refinement.evaluation", Set.of("maxCases", "minWinMargin", "candidates"));
        return new RefinementSettings.EvaluationSettings(
                integer(node, "maxCases", defaults.maxCases(), 1,
                        RefinementSettings.EvaluationSettings.MAX_CASES_LIMIT, "refinement.evaluation"),
                number(node, "minWinMargin", defaults.minWinMargin(), 0, 1, "refinement.evaluation"),
                integer(node, "candidates", defaults.candidates(), 1,
                        RefinementSettings.EvaluationSettings.MAX_CANDIDATES, "refinement.evaluation"));
    }

    private static RefinementSettings.BudgetSettings budget(JsonNode node) {
        var defaults = RefinementSettings.BudgetSettings.DEFAULTS;
        if (node == null || node.isNull()) {
            return defaults;
        }
        requireObject(node, "refinement.budget");
        KnownFields.require(node, "refinement.budget", Set.of("maxModelCallsPerDay", "maxTokensPerDay"));
        return new RefinementSettings.BudgetSettings(
                integer(node, "maxModelCallsPerDay", defaults.maxModelCallsPerDay(), 1, 100_000, "refinement.budget"),
                integer(node, "maxTokensPerDay", defaults.maxTokensPerDay(), 1, 100_000_000, "refinement.budget"));
    }

    private static RefinementSettings.CanarySettings canary(JsonNode node) {
        var defaults = RefinementSettings.CanarySettings.DEFAULTS;
        if (node == null || node.isNull()) {
            return defaults;
        }
        requireObject(node, "refinement.canary");
        KnownFields.require(node, "refinement.canary", Set.of("share", "confidence", "maxSamples", "rollbackMargin"));
        return new RefinementSettings.CanarySettings(
                number(node, "share", defaults.share(), 0.01, 0.5, "refinement.canary"),
                number(node, "confidence", defaults.confidence(), 0.5, 0.999, "refinement.canary"),
                integer(node, "maxSamples", defaults.maxSamples(), 10, 100_000, "refinement.canary"),
                number(node, "rollbackMargin", defaults.rollbackMargin(), 0, 1, "refinement.canary"));
    }

    public static ObjectNode write(RefinementSettings settings) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("threshold", settings.threshold());
        out.put("promotion", settings.promotion().wireName());
        out.put("maxNewRules", settings.maxNewRules());
        out.put("ruleTokens", settings.ruleTokens());
        out.put("checkWeight", settings.checkWeight());
        out.putObject("evaluation").put("maxCases", settings.evaluation().maxCases())
                .put("minWinMargin", settings.evaluation().minWinMargin())
                .put("candidates", settings.evaluation().candidates());
        out.putObject("budget").put("maxModelCallsPerDay", settings.budget().maxModelCallsPerDay())
                .put("maxTokensPerDay", settings.budget().maxTokensPerDay());
        out.putObject("canary").put("share", settings.canary().share())
                .put("confidence", settings.canary().confidence())
                .put("maxSamples", settings.canary().maxSamples())
                .put("rollbackMargin", settings.canary().rollbackMargin());
        return out;
    }

    private static void requireObject(JsonNode node, String where) {
        if (!node.isObject()) {
            throw ProblemException.badRequest("invalid-field", "field '" + where + "' must be an object");
        }
    }

    private static int integer(JsonNode node, String field, int fallback, int min, int max, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw ProblemException.unprocessable("invalid-refinement",
                    where + "." + field + " must be an integer from " + min + " to " + max);
        }
        return value.intValue();
    }

    private static double number(JsonNode node, String field, double fallback, double min, double max, String where) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
            throw ProblemException.unprocessable("invalid-refinement",
                    where + "." + field + " must be a number from " + min + " to " + max);
        }
        return value.doubleValue();
    }
}
