package dev.promptloop.prompt;

import dev.promptloop.check.OutputCheck;
import dev.promptloop.core.InvalidInputException;
import dev.promptloop.core.Texts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * An immutable version of a prompt: the template, the model settings, the owner's protected rules, the rules learned
 * so far, and the checks every output must pass.
 *
 * @param reason why it exists ("created", "refined from 3 negative feedbacks", ...)
 * @param parentVersion the version it was derived from, absent for version 1
 * @param evaluation how it fared against production before promotion, for refined versions that were evaluated
 */
public record PromptVersion(String promptId, int version, PromptTemplate template, ModelSettings model,
        List<String> protectedRules, List<LearnedRule> rules, List<OutputCheck> checks, Instant createdAt,
        String reason, Integer parentVersion, Optional<Evaluation> evaluation) {

    public PromptVersion {
        protectedRules = List.copyOf(protectedRules);
        rules = List.copyOf(rules);
        checks = List.copyOf(checks);
    }

    /** Refuses variables this version's template does not use, and any it uses that are missing. */
    public void requireVariables(Map<String, String> variables) {
        Set<String> expected = template.variables();
        Set<String> missing = missingVariables(variables);
        Set<String> unknown = new TreeSet<>(variables.keySet());
        unknown.removeAll(expected);
        if (!missing.isEmpty()) {
            throw new InvalidInputException("missing-variables", "missing variables " + missing
                    + " for prompt '" + promptId + "' version " + version);
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("unknown-variables", "unknown variables "
                    + unknown.stream().map(Texts::excerpt).toList() + "; version " + version + " of '" + promptId
                    + "' uses " + expected);
        }
    }

    /** The variables this version's template uses that {@code variables} lacks, sorted. */
    public Set<String> missingVariables(Map<String, String> variables) {
        Set<String> missing = new TreeSet<>(template.variables());
        missing.removeAll(variables.keySet());
        return missing;
    }

    /** The same version with the evaluation it was given before it was written. */
    public PromptVersion withEvaluation(Evaluation result) {
        return new PromptVersion(promptId, version, template, model, protectedRules, rules, checks, createdAt, reason,
                parentVersion, Optional.of(result));
    }
}
