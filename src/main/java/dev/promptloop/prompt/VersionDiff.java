package dev.promptloop.prompt;

import dev.promptloop.check.OutputCheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What changed from one version of a prompt to another: each message as a unified diff, learned rules added,
 * removed and reworded (matched by id), protected rules and checks added and removed, model settings changed.
 *
 * @param messages message name to its unified diff, only for messages that differ
 * @param model setting name to its values {@code [before, after]}, only for settings that differ (null: the default)
 */
public record VersionDiff(int version, int against, Map<String, String> messages, List<LearnedRule> rulesAdded,
        List<LearnedRule> rulesRemoved, List<Rewording> rulesReworded, List<String> protectedRulesAdded,
        List<String> protectedRulesRemoved, List<OutputCheck> checksAdded, List<OutputCheck> checksRemoved,
        Map<String, List<Object>> model) {

    /** A rule that is in both versions, in other words. */
    public record Rewording(String id, String before, String after) {
    }

    public static VersionDiff between(PromptVersion before, PromptVersion after) {
        Map<String, String> messages = new LinkedHashMap<>();
        String from = "v" + before.version();
        String to = "v" + after.version();
        String system = UnifiedDiff.of(before.template().systemSource().orElse(""),
                after.template().systemSource().orElse(""), from + "/system", to + "/system");
        if (!system.isEmpty()) {
            messages.put("system", system);
        }
        String user = UnifiedDiff.of(before.template().user().source(), after.template().user().source(),
                from + "/user", to + "/user");
        if (!user.isEmpty()) {
            messages.put("user", user);
        }
        List<Rewording> reworded = new ArrayList<>();
        for (LearnedRule rule : after.rules()) {
            before.rules().stream().filter(r -> r.id().equals(rule.id()) && !r.text().equals(rule.text()))
                    .findFirst().ifPresent(r -> reworded.add(new Rewording(rule.id(), r.text(), rule.text())));
        }
        return new VersionDiff(after.version(), before.version(), messages, missingFrom(after.rules(), before.rules()),
                missingFrom(before.rules(), after.rules()), reworded,
                notIn(after.protectedRules(), before.protectedRules()),
                notIn(before.protectedRules(), after.protectedRules()), notIn(after.checks(), before.checks()),
                notIn(before.checks(), after.checks()), model(before.model(), after.model()));
    }

    private static List<LearnedRule> missingFrom(List<LearnedRule> these, List<LearnedRule> those) {
        return these.stream().filter(r -> those.stream().noneMatch(o -> o.id().equals(r.id()))).toList();
    }

    private static <T> List<T> notIn(List<T> these, List<T> those) {
        return these.stream().filter(t -> !those.contains(t)).toList();
    }

    private static Map<String, List<Object>> model(ModelSettings before, ModelSettings after) {
        Map<String, List<Object>> changed = new LinkedHashMap<>();
        put(changed, "name", before.name(), after.name());
        put(changed, "temperature", before.temperature(), after.temperature());
        put(changed, "maxTokens", before.maxTokens(), after.maxTokens());
        return changed;
    }

    private static void put(Map<String, List<Object>> changed, String name, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            List<Object> values = new ArrayList<>();
            values.add(before);
            values.add(after);
            changed.put(name, values);
        }
    }
}
