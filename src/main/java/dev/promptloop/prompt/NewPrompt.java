package dev.promptloop.prompt;

import dev.promptloop.check.OutputCheck;
import dev.promptloop.core.InvalidInputException;
import dev.promptloop.core.Texts;
import dev.promptloop.template.TemplateSyntaxException;

import java.util.List;
import java.util.Optional;

/** A request to create a prompt whose texts parse and whose checks fit its template. */
public record NewPrompt(String id, PromptTemplate template, ModelSettings model, List<String> protectedRules,
        List<OutputCheck> checks, PromptSettings settings) {

    public NewPrompt {
        protectedRules = List.copyOf(protectedRules);
        checks = List.copyOf(checks);
    }

    /** Parses the owner's texts; a template that cannot serve is refused before anything is written. */
    public static NewPrompt of(String id, String system, String user, ModelSettings model, List<String> protectedRules,
            List<OutputCheck> checks, RefinementSettings refinement) {
        var template = template(system, user);
        requireChecksFit(template, checks);
        return new NewPrompt(id, template, model, protectedRules, checks, PromptSettings.of(refinement));
    }

    /** The owner's texts parsed; one that cannot serve is invalid input. */
    public static PromptTemplate template(String system, String user) {
        if (user == null || user.isBlank()) {
            throw new InvalidInputException("invalid-template", "template.user must be a non-empty text");
        }
        try {
            return PromptTemplate.parse(system, user);
        } catch (TemplateSyntaxException e) {
            throw new InvalidInputException("invalid-template", e.getMessage());
        }
    }

    /** A check on a variable the template does not use could never pass: it is refused. */
    public static void requireChecksFit(PromptTemplate template, List<OutputCheck> checks) {
        for (OutputCheck check : checks) {
            if (check instanceof OutputCheck.ContainsVariable c && !template.variables().contains(c.variable())) {
                throw new InvalidInputException("invalid-check", "check contains-variable names `"
                        + Texts.excerpt(c.variable()) + "`, which the template does not use");
            }
        }
    }

    /** The same prompt with the owner's description and tags. */
    public NewPrompt describedAs(Optional<String> description, List<String> tags) {
        return new NewPrompt(id, template, model, protectedRules, checks,
                new PromptSettings(settings.refinement(), description, tags, false));
    }
}
