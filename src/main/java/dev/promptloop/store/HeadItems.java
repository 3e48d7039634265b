package dev.promptloop.store;

import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptSettings;
import dev.promptloop.prompt.PromptSummary;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.prompt.Trial;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static dev.promptloop.store.Attributes.instant;
import static dev.promptloop.store.Attributes.integer;
import static dev.promptloop.store.Attributes.number;
import static dev.promptloop.store.Attributes.optionalString;
import static dev.promptloop.store.Attributes.string;
import static dev.promptloop.store.TableSchemas.PROMPT_PK;

/** Maps a prompt's head to and from its {@code HEAD} item, leniently on read. */
final class HeadItems {

    static final String LABELS = "labels";
    static final String LATEST = "latestVersion";
    static final String REVISION = "revision";
    /** Only in heads from before history had items of its own; see {@link LegacyHistory}. */
    static final String HISTORY = "history";
    static final String USAGE = "usage";
    static final String CANARY = "canary";
    static final String WATCH = "watch";
    static final String GATE = "gate";
    static final String REFINEMENT = "refinement";
    static final String DESCRIPTION = "description";
    static final String TAGS = "tags";
    static final String ARCHIVED = "archived";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String STOP_RECORDED = "stopRecorded";
    /**
     * The condition every head write carries: no history inside the head waits to be migrated. It names the list
     * {@code #history} and zero {@code :none}.
     */
    static final String NO_EMBEDDED_HISTORY = "(attribute_not_exists(#history) OR size(#history) = :none)";

    private HeadItems() {
    }

    static Map<String, AttributeValue> item(PromptHead head) {
        Map<String, AttributeValue> item = new HashMap<>(PromptItems.key(head.promptId(), PromptItems.HEAD));
        ItemFormat.stamp(item);
        Map<String, AttributeValue> labels = new HashMap<>();
        head.labels().forEach((label, version) -> labels.put(label, number(version)));
        item.put(LABELS, AttributeValue.fromM(labels));
        item.put(LATEST, number(head.latestVersion()));
        item.put(REVISION, number(head.revision()));
        item.put(CREATED_AT, AttributeValue.fromS(head.createdAt().toString()));
        item.put(UPDATED_AT, AttributeValue.fromS(head.updatedAt().toString()));
        item.putAll(settings(head.settings()));
        // always empty: only code from before history items appends to it (see LegacyHistory)
        item.put(HISTORY, AttributeValue.fromL(List.of()));
        item.put(USAGE, usage(head.usage()));
        head.canary().ifPresent(t -> item.put(CANARY, trial(t)));
        head.watch().ifPresent(t -> item.put(WATCH, trial(t)));
        head.gate().ifPresent(t -> item.put(GATE, trial(t)));
        return item;
    }

    static PromptHead head(Map<String, AttributeValue> item) {
        var usage = Attributes.map(item, USAGE);
        String day = optionalString(usage, "day").orElse(LocalDate.EPOCH.toString());
        boolean stopRecorded = Optional.ofNullable(usage.get(STOP_RECORDED)).map(AttributeValue::bool)
                .orElseGet(() -> LegacyHistory.stopRecorded(item, day));
        return new PromptHead(string(item, PROMPT_PK), labels(item), integer(item, LATEST, 1),
                settings(item), instant(item, CREATED_AT), updatedAt(item),
                Attributes.longValue(item, REVISION, 0),
                new RefinementUsage(LocalDate.parse(day), integer(usage, "calls", 0), integer(usage, "tokens", 0),
                        stopRecorded),
                Optional.ofNullable(item.get(CANARY)).map(v -> trial(v.m())),
                Optional.ofNullable(item.get(WATCH)).map(v -> trial(v.m())),
                Optional.ofNullable(item.get(GATE)).map(v -> trial(v.m())));
    }

    /**
     * The owner's settings as attributes; a description that is absent is written as an empty string, so an update
     * can set every one of them the same way.
     */
    static Map<String, AttributeValue> settings(PromptSettings settings) {
        return Map.of(REFINEMENT, AttributeValue.fromS(SettingsCodec.write(settings.refinement())),
                DESCRIPTION, AttributeValue.fromS(settings.description().orElse("")),
                TAGS, AttributeValue.fromL(settings.tags().stream().map(AttributeValue::fromS).toList()),
                ARCHIVED, AttributeValue.fromBool(settings.archived()));
    }

    /** A listing's view of a head, as the heads index projects it (no refinement settings, usage or trials). */
    static PromptSummary summary(Map<String, AttributeValue> item) {
        return new PromptSummary(string(item, PROMPT_PK), description(item), Attributes.strings(item, TAGS),
                labels(item), integer(item, LATEST, 1), Attributes.bool(item, ARCHIVED, false), 0, updatedAt(item));
    }

    private static PromptSettings settings(Map<String, AttributeValue> item) {
        return new PromptSettings(SettingsCodec.read(string(item, REFINEMENT)), description(item),
                Attributes.strings(item, TAGS), Attributes.bool(item, ARCHIVED, false));
    }

    /** Every head has production; one without labels (never written so) points it at version 1. */
    private static Map<String, Integer> labels(Map<String, AttributeValue> item) {
        Map<String, Integer> labels = new TreeMap<>();
        Attributes.map(item, LABELS).forEach((label, version) -> labels.put(label, Integer.parseInt(version.n())));
        labels.putIfAbsent(Labels.PRODUCTION, 1);
        return labels;
    }

    /** An empty description is written for none, so that an update can set it like the other settings. */
    private static Optional<String> description(Map<String, AttributeValue> item) {
        return optionalString(item, DESCRIPTION).filter(d -> !d.isEmpty());
    }

    /** Heads from before the attribute changed last when they were created, as far as anyone can tell. */
    private static Instant updatedAt(Map<String, AttributeValue> item) {
        return optionalString(item, UPDATED_AT).map(Instant::parse).orElseGet(() -> instant(item, CREATED_AT));
    }

    static AttributeValue trial(Trial trial) {
        return AttributeValue.fromM(Map.of("version", number(trial.version()), "baseline", number(trial.baseline()),
                "since", AttributeValue.fromS(trial.since().toString())));
    }

    private static Trial trial(Map<String, AttributeValue> item) {
        return new Trial(integer(item, "version", 0), integer(item, "baseline", 0), instant(item, "since"));
    }

    static AttributeValue usage(RefinementUsage usage) {
        return AttributeValue.fromM(Map.of("day", AttributeValue.fromS(usage.day().toString()),
                "calls", number(usage.modelCalls()), "tokens", number(usage.tokens()),
                STOP_RECORDED, AttributeValue.fromBool(usage.stopRecorded())));
    }
}
