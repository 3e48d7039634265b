package dev.promptloop.store;

import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.PromptTemplate;
import dev.promptloop.prompt.PromptVersion;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.promptloop.store.Attributes.instant;
import static dev.promptloop.store.Attributes.integer;
import static dev.promptloop.store.Attributes.number;
import static dev.promptloop.store.Attributes.optionalDouble;
import static dev.promptloop.store.Attributes.optionalInteger;
import static dev.promptloop.store.Attributes.optionalString;
import static dev.promptloop.store.Attributes.putIfPresent;
import static dev.promptloop.store.Attributes.string;
import static dev.promptloop.store.Attributes.strings;
import static dev.promptloop.store.TableSchemas.PROMPT_PK;

/**
 * Maps an immutable version to and from its {@code V#...} item; checks and the evaluation are JSON text attributes
 * ({@link CheckCodec}, {@link EvaluationCodec}). Read leniently: what a version lacks reads as empty.
 */
final class VersionItems {

    private VersionItems() {
    }

    /** The item of a version written to wait for the evaluation gate. */
    static Map<String, AttributeValue> awaitingGate(PromptVersion version) {
        Map<String, AttributeValue> item = item(version);
        item.put(TableSchemas.PROMPT_AWAITS_GATE, AttributeValue.fromBool(true));
        item.put("promptId", AttributeValue.fromS(version.promptId()));
        return item;
    }

    static Map<String, AttributeValue> item(PromptVersion version) {
        Map<String, AttributeValue> item = new HashMap<>(PromptItems.key(version.promptId(),
                PromptItems.versionKey(version.version())));
        ItemFormat.stamp(item);
        item.put("version", number(version.version()));
        putIfPresent(item, "system", version.template().systemSource());
        item.put("user", AttributeValue.fromS(version.template().user().source()));
        putIfPresent(item, "modelName", Optional.ofNullable(version.model().name()));
        if (version.model().temperature() != null) {
            item.put("temperature", AttributeValue.fromN(version.model().temperature().toString()));
        }
        if (version.model().maxTokens() != null) {
            item.put("maxTokens", number(version.model().maxTokens()));
        }
        item.put("protectedRules", AttributeValue.fromL(
                version.protectedRules().stream().map(AttributeValue::fromS).toList()));
        item.put("rules", AttributeValue.fromL(version.rules().stream().map(VersionItems::rule).toList()));
        item.put("checks", AttributeValue.fromS(CheckCodec.write(version.checks())));
        version.evaluation().ifPresent(e -> item.put("evaluation", AttributeValue.fromS(EvaluationCodec.write(e))));
        item.put("createdAt", AttributeValue.fromS(version.createdAt().toString()));
        item.put("reason", AttributeValue.fromS(version.reason()));
        if (version.parentVersion() != null) {
            item.put("parentVersion", number(version.parentVersion()));
        }
        return item;
    }

    static PromptVersion version(Map<String, AttributeValue> item) {
        var template = PromptTemplate.parse(optionalString(item, "system").orElse(null), string(item, "user"));
        var model = new ModelSettings(optionalString(item, "modelName").orElse(null),
                optionalDouble(item, "temperature").orElse(null), optionalInteger(item, "maxTokens").orElse(null));
        return new PromptVersion(string(item, PROMPT_PK), integer(item, "version", 0), template, model,
                strings(item, "protectedRules"),
                Attributes.list(item, "rules").stream().map(v -> rule(v.m())).toList(),
                CheckCodec.read(string(item, "checks")), instant(item, "createdAt"), string(item, "reason"),
                optionalInteger(item, "parentVersion").orElse(null),
                optionalString(item, "evaluation").map(EvaluationCodec::read));
    }

    private static AttributeValue rule(LearnedRule rule) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "id", AttributeValue.fromS(rule.id()),
                "text", AttributeValue.fromS(rule.text()),
                "feedbackIds", AttributeValue.fromL(rule.feedbackIds().stream().map(AttributeValue::fromS).toList()),
                "version", number(rule.version()),
                "createdAt", AttributeValue.fromS(rule.createdAt().toString())));
        if (!rule.edits().isEmpty()) {
            item.put("edits", AttributeValue.fromL(rule.edits().stream().map(e -> AttributeValue.fromM(Map.of(
                    "version", number(e.version()), "previousText", AttributeValue.fromS(e.previousText()),
                    "actor", AttributeValue.fromS(e.actor()), "at", AttributeValue.fromS(e.at().toString()))))
                    .toList()));
        }
        if (!rule.recurrences().isEmpty()) {
            item.put("recurrences", AttributeValue.fromL(rule.recurrences().stream().map(AttributeValue::fromS)
                    .toList()));
        }
        if (!rule.gates().isEmpty()) {
            item.put("gates", AttributeValue.fromL(rule.gates().stream().map(g -> AttributeValue.fromM(Map.of(
                    "version", number(g.version()), "passed", AttributeValue.fromBool(g.passed()),
                    "reason", AttributeValue.fromS(g.reason())))).toList()));
        }
        return AttributeValue.fromM(item);
    }

    /** Rules stored before they had ids get the id their creation gives them (see {@link LearnedRule#idOf}). */
    private static LearnedRule rule(Map<String, AttributeValue> item) {
        String text = string(item, "text");
        int version = integer(item, "version", 0);
        var createdAt = instant(item, "createdAt");
        var edits = Attributes.list(item, "edits").stream().map(v -> new LearnedRule.Edit(
                integer(v.m(), "version", 0), string(v.m(), "previousText"), string(v.m(), "actor"),
                instant(v.m(), "at"))).toList();
        var gates = Attributes.list(item, "gates").stream().map(v -> new LearnedRule.GateResult(
                integer(v.m(), "version", 0), Attributes.bool(v.m(), "passed", false), string(v.m(), "reason")))
                .toList();
        return new LearnedRule(optionalString(item, "id").orElseGet(() -> LearnedRule.idOf(version, text, createdAt)),
                text, strings(item, "feedbackIds"), version, createdAt, edits, strings(item, "recurrences"), gates);
    }
}
