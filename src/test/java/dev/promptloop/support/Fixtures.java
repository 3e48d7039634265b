package dev.promptloop.support;

import dev.promptloop.check.OutputCheck;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.Thumb;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.PromptTemplate;
import dev.promptloop.prompt.PromptVersion;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Core values for unit tests that need no Quarkus and no tables. */
public final class Fixtures {

    private Fixtures() {
    }

    public static PromptVersion version(String system, String user, List<String> protectedRules,
            List<String> learnedRules, List<OutputCheck> checks) {
        var rules = learnedRules.stream().map(r -> LearnedRule.learned(r, List.of("fb"), 2, Instant.EPOCH)).toList();
        return new PromptVersion("copy", 1, PromptTemplate.parse(system, user), ModelSettings.DEFAULTS,
                protectedRules, rules, checks, Instant.EPOCH, "created", null, Optional.empty());
    }

    public static PromptVersion version(String system, String user) {
        return version(system, user, List.of(), List.of(), List.of());
    }

    public static Feedback critique(String id, String text) {
        return new Feedback(id, "copy", 1, "r-" + id, Feedback.Source.USER, Optional.empty(), Optional.of(Thumb.DOWN),
                Optional.of(text), List.of(), true, Instant.EPOCH, Optional.empty(), List.of());
    }
}
