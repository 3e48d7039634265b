package dev.promptloop.store;

import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.Promotion;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptTemplate;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementSettings;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.promptloop.store.Attributes.integer;
import static dev.promptloop.store.Attributes.number;
import static dev.promptloop.store.Attributes.optionalInteger;
import static dev.promptloop.store.Attributes.optionalString;
import static dev.promptloop.store.Attributes.putIfPresent;
import static dev.promptloop.store.Attributes.string;
import static dev.promptloop.store.TableSchemas.PROMPT_PK;
import static dev.promptloop.store.TableSchemas.PROMPT_SK;

/** Maps prompt heads and versions to and from items of the prompts table. */
final class PromptItems {

    static final String HEAD = "HEAD";
    static final String VERSION_PREFIX = "V#";
    static final String LABELS = "labels";
    static final String LATEST = "latestVersion";
    static final String REVISION = "revision";

    private PromptItems() {
    }

    static Map<String, AttributeValue> key(String promptId, String sortKey) {
        return Map.of(PROMPT_PK, AttributeValue.fromS(promptId), PROMPT_SK, AttributeValue.fromS(sortKey));
    }

    /** Zero-padded so the sort key orders versions numerically. */
    static String versionKey(int version) {
        return VERSION_PREFIX + String.format("%010d", version);
    }

    static Map<String, AttributeValue> head(PromptHead head) {
        Map<String, AttributeValue> item = new HashMap<>(key(head.promptId(), HEAD));
        Map<String, AttributeValue> labels = new HashMap<>();
        head.labels().forEach((label, version) -> labels.put(label, number(version)));
        item.put(LABELS, AttributeValue.fromM(labels));
        item.put(LATEST, number(head.latestVersion()));
        item.put(REVISION, number(head.revision()));
        item.put("createdAt", AttributeValue.fromS(head.createdAt().toString()));
        item.put("threshold", number(head.refinement().threshold()));
        item.put("promotion", AttributeValue.fromS(head.refinement().promotion().wireName()));
        item.put("maxNewRules", number(head.refinement().maxNewRules()));
        return item;
    }

    static PromptHead head(Map<String, AttributeValue> item) {
        Map<String, Integer> labels = new TreeMap<>();
        item.get(LABELS).m().forEach((label, version) -> labels.put(label, Integer.parseInt(version.n())));
        var refinement = new RefinementSettings(integer(item, "threshold"),
                Promotion.fromWireName(string(item, "promotion")).orElseThrow(), integer(item, "maxNewRules"));
        return new PromptHead(string(item, PROMPT_PK), labels, integer(item, LATEST), refinement,
                Instant.parse(string(item, "createdAt")), Attributes.longValue(item, REVISION));
    }

    static Map<String, AttributeValue> version(PromptVersion version) {
        Map<String, AttributeValue> item = new HashMap<>(key(version.promptId(), versionKey(version.version())));
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
        item.put("rules", AttributeValue.fromL(version.rules().stream().map(PromptItems::rule).toList()));
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
                item.containsKey("temperature") ? Double.valueOf(item.get("temperature").n()) : null,
                optionalInteger(item, "maxTokens").orElse(null));
        List<LearnedRule> rules = item.get("rules").l().stream().map(v -> rule(v.m())).toList();
        return new PromptVersion(string(item, PROMPT_PK), integer(item, "version"), template, model, rules,
                Instant.parse(string(item, "createdAt")), string(item, "reason"),
                optionalInteger(item, "parentVersion").orElse(null));
    }

    private static AttributeValue rule(LearnedRule rule) {
        return AttributeValue.fromM(Map.of(
                "text", AttributeValue.fromS(rule.text()),
                "feedbackIds", AttributeValue.fromL(rule.feedbackIds().stream().map(AttributeValue::fromS).toList()),
                "version", number(rule.version()),
                "createdAt", AttributeValue.fromS(rule.createdAt().toString())));
    }

    private static LearnedRule rule(Map<String, AttributeValue> item) {
        return new LearnedRule(string(item, "text"), item.get("feedbackIds").l().stream().map(AttributeValue::s).toList(),
                integer(item, "version"), Instant.parse(string(item, "createdAt")));
    }
}
