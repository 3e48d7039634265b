package dev.promptloop.prompt;

import java.time.Instant;
import java.util.List;

/**
 * An immutable version of a prompt: the template, the model settings and the rules learned so far.
 *
 * @param reason why it exists ("created", "refined from 3 negative feedbacks", ...)
 * @param parentVersion the version it was derived from, absent for version 1
 */
public record PromptVersion(String promptId, int version, PromptTemplate template, ModelSettings model,
        List<LearnedRule> rules, Instant createdAt, String reason, Integer parentVersion) {

    public PromptVersion {
        rules = List.copyOf(rules);
    }
}
