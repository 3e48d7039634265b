package dev.promptloop.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptloop.evaluation.EvaluationJson;
import dev.promptloop.evaluation.OutputCheckJson;
import dev.promptloop.prompt.LabelMove;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptTemplate;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementSettingsJson;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.prompt.Trial;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
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

/**
 * Maps prompt heads and versions to and from items of the prompts table. Nested configuration (refinement settings,
 * checks, evaluations) is stored as the same JSON the API speaks.
 */
final class PromptItems {

    static final String HEAD = "HEAD";
    static final String VERSION_PREFIX = "V#";
    static final String LABELS = "labels";
    static final String LATEST = "latestVersion";
    static final String REVISION = "revision";
    static final String HISTORY = "history";
    static final String USAGE = "usage";
    static final String CANARY = "canary";
    static final String WATCH = "watch";
    private static final ObjectMapper JSON = new ObjectMapper();

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
        item.put("refinement", AttributeValue.fromS(RefinementSettingsJson.write(head.refinement()).toString()));
        item.put(HISTORY, AttributeValue.fromL(head.history().stream().map(PromptItems::move).toList()));
        item.put(USAGE, usage(head.usage()));
        head.canary().ifPresent(t -> item.put(CANARY, trial(t)));
        head.watch().ifPresent(t -> item.put(WATCH, trial(t)));
        return item;
    }

    static PromptHead head(Map<String, AttributeValue> item) {
        Map<String, Integer> labels = new TreeMap<>();
        item.get(LABELS).m().forEach((label, version) -> labels.put(label, Integer.parseInt(version.n())));
        var usage = item.get(USAGE).m();
        return new PromptHead(string(item, PROMPT_PK), labels, integer(item, LATEST),
                RefinementSettingsJson.read(json(string(item, "refinement"))),
                Instant.parse(string(item, "createdAt")), Attributes.longValue(item, REVISION),
                item.get(HISTORY).l().stream().map(v -> move(v.m())).toList(),
                new RefinementUsage(LocalDate.parse(usage.get("day").s()), Integer.parseInt(usage.get("calls").n()),
                        Integer.parseInt(usage.get("tokens").n())),
                Optional.ofNullable(item.get(CANARY)).map(v -> trial(v.m())),
                Optional.ofNullable(item.get(WATCH)).map(v -> trial(v.m())));
    }

    static AttributeValue trial(Trial trial) {
        return AttributeValue.fromM(Map.of("version", number(trial.version()), "baseline", number(trial.baseline()),
                "since", AttributeValue.fromS(trial.since().toString())));
    }

    private static Trial trial(Map<String, AttributeValue> item) {
        return new Trial(integer(item, "version"), integer(item, "baseline"), Instant.parse(string(item, "since")));
    }

    static AttributeValue usage(RefinementUsage usage) {
        return AttributeValue.fromM(Map.of("day", AttributeValue.fromS(usage.day().toString()),
                "calls", number(usage.modelCalls()), "tokens", number(usage.tokens())));
    }

    static AttributeValue move(LabelMove move) {
        Map<String, AttributeValue> item = new HashMap<>();
        putIfPresent(item, "label", Optional.ofNullable(move.label()));
        if (move.from() != null) {
            item.put("from", number(move.from()));
        }
        if (move.to() != null) {
            item.put("to", number(move.to()));
        }
        item.put("reason", AttributeValue.fromS(move.reason()));
        item.put("at", AttributeValue.fromS(move.at().toString()));
        return AttributeValue.fromM(item);
    }

    private static LabelMove move(Map<String, AttributeValue> item) {
        return new LabelMove(optionalString(item, "label").orElse(null), optionalInteger(item, "from").orElse(null),
                optionalInteger(item, "to").orElse(null), string(item, "reason"), Instant.parse(string(item, "at")));
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
        item.put("protectedRules", AttributeValue.fromL(
                version.protectedRules().stream().map(AttributeValue::fromS).toList()));
        item.put("rules", AttributeValue.fromL(version.rules().stream().map(PromptItems::rule).toList()));
        item.put("checks", AttributeValue.fromS(OutputCheckJson.write(version.checks()).toString()));
        version.evaluation().ifPresent(e -> item.put("evaluation", AttributeValue.fromS(EvaluationJson.write(e).toString())));
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
        return new PromptVersion(string(item, PROMPT_PK), integer(item, "version"), template, model,
                item.get("protectedRules").l().stream().map(AttributeValue::s).toList(), rules,
                OutputCheckJson.read(json(string(item, "checks"))), Instant.parse(string(item, "createdAt")),
                string(item, "reason"), optionalInteger(item, "parentVersion").orElse(null),
                optionalString(item, "evaluation").map(e -> EvaluationJson.read(json(e))));
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

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored JSON attribute is unreadable", e);
        }
    }
}
