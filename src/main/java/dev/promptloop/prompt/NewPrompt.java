package dev.promptloop.prompt;

import dev.promptloop.evaluation.OutputCheck;
import dev.promptloop.problem.ProblemException;
import dev.promptloop.template.TemplateSyntaxException;

import java.util.List;

/** A validated request to create a prompt. */
public record NewPrompt(String id, PromptTemplate template, ModelSettings model, List<String> protectedRules,
        List<OutputCheck> checks, RefinementSettings refinement) {

    /** Keeps a version item far below DynamoDB's 400 KB item limit, with room for rules. */
    public static final int MAX_MESSAGE_CHARS = 32_000;
    public static final int MAX_PROTECTED_RULES = 20;
    public static final int MAX_RULE_CHARS = 300;

    /** Parses and checks the owner's texts; a template that cannot serve is refused before anything is written. */
    public static NewPrompt of(String id, String system, String user, ModelSettings model, List<String> protectedRules,
            List<OutputCheck> checks, RefinementSettings refinement) {
        requireSize("template.system", system);
        requireSize("template.user", user);
        if (user == null || user.isBlank()) {
            throw ProblemException.unprocessable("invalid-template", "template.user must be a non-empty text");
        }
        requireRules(protectedRules);
        PromptTemplate template;
        try {
            template = PromptTemplate.parse(system, user);
        } catch (TemplateSyntaxException e) {
            throw ProblemException.unprocessable("invalid-template", e.getMessage());
        }
        for (OutputCheck check : checks) {
            if (check instanceof OutputCheck.ContainsVariable c && !template.variables().contains(c.variable())) {
                throw ProblemException.unprocessable("invalid-check", "check contains-variable names `"
                        + ProblemException.excerpt(c.variable()) + "`, which the template does not use");
            }
        }
        return new NewPrompt(id, template, model, protectedRules, checks, refinement);
    }

    private static void requireRules(List<String> rules) {
        if (rules.size() > MAX_PROTECTED_RULES) {
            throw ProblemException.tooLarge("too-many-protected-rules",
                    rules.size() + " protected rules; the limit is " + MAX_PROTECTED_RULES);
        }
        for (String rule : rules) {
            if (rule.isBlank() || rule.length() > MAX_RULE_CHARS || rule.contains("\n")) {
                throw ProblemException.unprocessable("invalid-protected-rule",
                        "each protected rule is one non-empty line of at most " + MAX_RULE_CHARS + " characters");
            }
        }
    }

    private static void requireSize(String field, String text) {
        if (text != null && text.length() > MAX_MESSAGE_CHARS) {
            throw ProblemException.tooLarge("template-too-large",
                    field + " has " + text.length() + " characters; the limit is " + MAX_MESSAGE_CHARS);
        }
    }
}
