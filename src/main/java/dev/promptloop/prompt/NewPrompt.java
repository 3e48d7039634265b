package dev.promptloop.prompt;

import dev.promptloop.check.OutputCheck;
import dev.promptloop.core.InvalidInputException;
import dev.promptloop.core.Texts;
import dev.promptloop.template.TemplateSyntaxException;

import java.util.List;

/** A request to create a prompt whose texts parse and whose checks fit its template. */
public record NewPrompt(String id, PromptTemplate template, ModelSettings model, List<String> protectedRules,
        List<OutputCheck> checks, RefinementSettings refinement) {

    public NewPrompt {
        protectedRules = List.copyOf(protectedRules);
        checks = List.copyOf(checks);
    }

    /** Parses the owner's texts; a template that cannot serve is refused before anything is written. */
    public static NewPrompt of(String id, String system, String user, ModelSettings model, List<String> protectedRules,
            List<OutputCheck> checks, RefinementSettings refinement) {
        if (user == null || user.isBlank()) {
            throw new InvalidInputException("invalid-template", "template.user must be a non-empty text");
        }
        PromptTemplate template;
        try {
            template = PromptTemplate.parse(system, user);
        } catch (TemplateSyntaxException e) {
            throw new InvalidInputException("invalid-template", e.getMessage());
        }
        for (OutputCheck check : checks) {
            if (check instanceof OutputCheck.ContainsVariable c && !template.variables().contains(c.variable())) {
                throw new InvalidInputException("invalid-check", "check contains-variable names `"
                        + Texts.excerpt(c.variable()) + "`, which the template does not use");
            }
        }
        return new NewPrompt(id, template, model, protectedRules, checks, refinement);
    }
}
