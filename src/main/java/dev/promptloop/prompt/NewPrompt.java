package dev.promptloop.prompt;

import dev.promptloop.problem.ProblemException;
import dev.promptloop.template.TemplateSyntaxException;

/** A validated request to create a prompt. */
public record NewPrompt(String id, PromptTemplate template, ModelSettings model, RefinementSettings refinement) {

    /** Keeps a version item far below DynamoDB's 400 KB item limit, with room for rules. */
    public static final int MAX_MESSAGE_CHARS = 32_000;

    /** Parses and checks the owner's texts; a template that cannot serve is refused before anything is written. */
    public static NewPrompt of(String id, String system, String user, ModelSettings model, RefinementSettings refinement) {
        requireSize("template.system", system);
        requireSize("template.user", user);
        if (user == null || user.isBlank()) {
            throw ProblemException.unprocessable("invalid-template", "template.user must be a non-empty text");
        }
        try {
            return new NewPrompt(id, PromptTemplate.parse(system, user), model, refinement);
        } catch (TemplateSyntaxException e) {
            throw ProblemException.unprocessable("invalid-template", e.getMessage());
        }
    }

    private static void requireSize(String field, String text) {
        if (text != null && text.length() > MAX_MESSAGE_CHARS) {
            throw ProblemException.tooLarge("template-too-large",
                    field + " has " + text.length() + " characters; the limit is " + MAX_MESSAGE_CHARS);
        }
    }
}
