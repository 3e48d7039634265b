package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.prompt.NewPrompt;
import dev.promptloop.prompt.RuleChoice;
import dev.promptloop.prompt.VersionDraft;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /prompts/{id}/versions}: a version written by hand, read in one pass. Each of {@code template},
 * {@code model}, {@code checks} and {@code protectedRules} replaces production's when given; {@code rules} is
 * {@code "keep"} (default), {@code "reset"} or a list of the learned rules to keep, each named by id or text, as it
 * is or {@code {"rule": id or text, "text": new wording}}; {@code promote} puts it in production (default: the
 * candidate label); {@code evaluate} promotes it only once the evaluation gate against production passes, which the
 * refine function runs (so it takes {@code promote} true or left out).
 */
public final class VersionRequests {

    private VersionRequests() {
    }

    public static VersionDraft read(JsonNode body) {
        KnownFields.require(body, "the version", Set.of("template", "model", "checks", "protectedRules", "rules",
                "promote", "evaluate", "reason"));
        var template = JsonFields.optionalObject(body, "template").map(PromptRequests::templateSource)
                .map(source -> NewPrompt.template(source.system(), source.user()));
        var model = JsonFields.optionalObject(body, "model").map(PromptRequests::model);
        var checks = JsonFields.field(body, "checks").map(c -> OutputCheckJson.read(c));
        var protectedRules = JsonFields.field(body, "protectedRules").map(p -> PromptRequests.protectedRules(body));
        var reason = JsonFields.optionalString(body, "reason");
        reason.ifPresent(PromptRequests::requireReason);
        return new VersionDraft(template, model, checks, protectedRules, rules(body.get("rules")), placement(body),
                reason);
    }

    private static VersionDraft.Placement placement(JsonNode body) {
        var promote = JsonFields.optionalBoolean(body, "promote");
        if (JsonFields.optionalBoolean(body, "evaluate").orElse(false)) {
            if (!promote.orElse(true)) {
                throw ProblemException.badRequest("invalid-evaluate", "evaluate gates a promotion to production; "
                        + "leave promote out or set it to true");
            }
            return VersionDraft.Placement.EVALUATED;
        }
        return promote.orElse(false) ? VersionDraft.Placement.PRODUCTION : VersionDraft.Placement.CANDIDATE;
    }

    private static RuleChoice rules(JsonNode rules) {
        if (rules == null || rules.isNull() || rules.isTextual() && "keep".equals(rules.textValue())) {
            return RuleChoice.KEEP;
        }
        if (rules.isTextual() && "reset".equals(rules.textValue())) {
            return RuleChoice.RESET;
        }
        if (!rules.isArray()) {
            throw ProblemException.badRequest("invalid-field", "rules must be \"keep\", \"reset\" or a list");
        }
        if (rules.size() > 100) {
            throw ProblemException.tooLarge("too-many-rules", rules.size() + " rules; a version holds at most 100");
        }
        List<RuleChoice.Kept> kept = new ArrayList<>();
        for (JsonNode item : rules) {
            if (item.isTextual()) {
                kept.add(new RuleChoice.Kept(item.textValue(), Optional.empty()));
                continue;
            }
            if (!item.isObject()) {
                throw ProblemException.badRequest("invalid-field", "each rule is an id or text, or "
                        + "{\"rule\": id or text, \"text\": new wording}");
            }
            KnownFields.require(item, "a kept rule", Set.of("rule", "text"));
            var text = JsonFields.optionalString(item, "text");
            text.ifPresent(t -> {
                if (t.isBlank() || t.length() > Limits.MAX_PROTECTED_RULE_CHARS || t.contains("\n")) {
                    throw ProblemException.unprocessable("invalid-rule", "a reworded rule is one non-empty line of"
                            + " at most " + Limits.MAX_PROTECTED_RULE_CHARS + " characters");
                }
            });
            kept.add(new RuleChoice.Kept(JsonFields.requiredString(item, "rule"), text));
        }
        return RuleChoice.listed(kept);
    }
}
