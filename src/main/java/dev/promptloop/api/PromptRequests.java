package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.check.OutputCheck;
import dev.promptloop.core.PromptId;
import dev.promptloop.core.Texts;
import dev.promptloop.prompt.LabelMove;
import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.NewPrompt;
import dev.promptloop.prompt.RefinementSettings;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.promptloop.api.JsonFields.optionalInt;
import static dev.promptloop.api.JsonFields.optionalNumber;
import static dev.promptloop.api.JsonFields.optionalObject;
import static dev.promptloop.api.JsonFields.optionalString;
import static dev.promptloop.api.JsonFields.requiredString;

/** The management requests, each read and validated in one pass: create a prompt, move a label, name a version. */
public final class PromptRequests {

    private PromptRequests() {
    }

    /** {@code POST /prompts}. */
    public static NewPrompt create(JsonNode body) {
        KnownFields.require(body, "the prompt", Set.of("id", "template", "model", "refinement", "checks",
                "protectedRules", "description", "tags"));
        String id = requiredString(body, "id");
        var template = templateSource(optionalObject(body, "template").orElseThrow(
                () -> ProblemException.badRequest("missing-field", "field 'template' is required")));
        ModelSettings model = optionalObject(body, "model").map(PromptRequests::model).orElse(ModelSettings.DEFAULTS);
        RefinementSettings refinement = RefinementSettingsJson.read(body.get("refinement"));
        List<OutputCheck> checks = OutputCheckJson.read(body.get("checks"));
        List<String> protectedRules = protectedRules(body);
        var description = PromptPatches.description(body);
        var tags = Tags.requireValid(JsonFields.stringList(body, "tags"));
        var prompt = NewPrompt.of(id, template.system(), template.user(), model, protectedRules, checks, refinement)
                .describedAs(description, tags);
        if (!PromptId.isValid(id)) {
            throw ProblemException.badRequest("invalid-prompt-id",
                    "id must match " + PromptId.PATTERN.pattern() + ", got '" + Texts.excerpt(id) + "'");
        }
        return prompt;
    }

    /** {@code PUT /prompts/{id}/labels/{label}}: {@code {version, reason?}}. */
    public static LabelMove moveLabel(String label, JsonNode body) {
        KnownFields.require(body, "the label move", Set.of("version", "reason"));
        int version = optionalInt(body, "version").orElseThrow(
                () -> ProblemException.badRequest("missing-field", "field 'version' is required"));
        Optional<String> reason = optionalString(body, "reason");
        if (label == null || !Labels.NAME.matcher(label).matches()) {
            throw ProblemException.badRequest("invalid-label", "label must match " + Labels.NAME.pattern()
                    + ", got '" + Texts.excerpt(String.valueOf(label)) + "'");
        }
        if (version < 1) {
            throw ProblemException.badRequest("invalid-version", "version must be a positive integer");
        }
        reason.ifPresent(PromptRequests::requireReason);
        return new LabelMove(label, version, reason);
    }

    /** A version number in a path: anything but a positive whole number names no version, so it is not found. */
    public static int versionNumber(String promptId, String text) {
        if (text != null && text.matches("[1-9][0-9]{0,8}")) {
            return Integer.parseInt(text);
        }
        throw ProblemException.notFound("version-not-found", "prompt '" + Texts.excerpt(String.valueOf(promptId))
                + "' has no version '" + Texts.excerpt(String.valueOf(text)) + "'");
    }

    /** A template's texts as sent: a user text (required) and an optional system text, each within the limit. */
    record TemplateSource(String system, String user) {
    }

    static TemplateSource templateSource(JsonNode template) {
        KnownFields.require(template, "template", Set.of("system", "user"));
        String system = optionalString(template, "system").orElse(null);
        String user = optionalString(template, "user").orElseThrow(
                () -> ProblemException.badRequest("missing-field", "field 'template.user' is required"));
        requireMessageSize("template.system", system);
        requireMessageSize("template.user", user);
        return new TemplateSource(system, user);
    }

    static List<String> protectedRules(JsonNode body) {
        List<String> rules = JsonFields.stringList(body, "protectedRules");
        requireProtectedRules(rules);
        return rules;
    }

    /** A reason a person gives for a change: one line, within the limit. */
    static void requireReason(String why) {
        if (why.isBlank() || why.length() > Limits.MAX_REASON_CHARS || why.contains("\n")) {
            throw ProblemException.unprocessable("invalid-reason",
                    "reason must be one line of 1 to " + Limits.MAX_REASON_CHARS + " characters");
        }
    }

    static ModelSettings model(JsonNode model) {
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
        if (maxTokens != null && (maxTokens < 1 || maxTokens > Limits.MAX_TOKENS)) {
            throw ProblemException.unprocessable("invalid-model",
                    "model.maxTokens must be between 1 and " + Limits.MAX_TOKENS);
        }
        return new ModelSettings(name, temperature, maxTokens);
    }

    private static void requireProtectedRules(List<String> rules) {
        if (rules.size() > Limits.MAX_PROTECTED_RULES) {
            throw ProblemException.tooLarge("too-many-protected-rules",
                    rules.size() + " protected rules; the limit is " + Limits.MAX_PROTECTED_RULES);
        }
        for (String rule : rules) {
            if (rule.isBlank() || rule.length() > Limits.MAX_PROTECTED_RULE_CHARS || rule.contains("\n")) {
                throw ProblemException.unprocessable("invalid-protected-rule", "each protected rule is one non-empty "
                        + "line of at most " + Limits.MAX_PROTECTED_RULE_CHARS + " characters");
            }
        }
    }

    private static void requireMessageSize(String field, String text) {
        if (text != null && text.length() > Limits.MAX_MESSAGE_CHARS) {
            throw ProblemException.tooLarge("template-too-large",
                    field + " has " + text.length() + " characters; the limit is " + Limits.MAX_MESSAGE_CHARS);
        }
    }
}
