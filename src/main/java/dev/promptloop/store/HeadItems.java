package dev.promptloop.store;

import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.prompt.Trial;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.LocalDate;
import java.util.HashMap;
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
    private static final String STOP_RECORDED = "stopRecorded";

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
        item.put("createdAt", AttributeValue.fromS(head.createdAt().toString()));
        item.put("refinement", AttributeValue.fromS(SettingsCodec.write(head.refinement())));
        item.put(USAGE, usage(head.usage()));
        head.canary().ifPresent(t -> item.put(CANARY, trial(t)));
        head.watch().ifPresent(t -> item.put(WATCH, trial(t)));
        return item;
    }

    static PromptHead head(Map<String, AttributeValue> item) {
        Map<String, Integer> labels = new TreeMap<>();
        Attributes.map(item, LABELS).forEach((label, version) -> labels.put(label, Integer.parseInt(version.n())));
        labels.putIfAbsent(Labels.PRODUCTION, 1);
        var usage = Attributes.map(item, USAGE);
        String day = optionalString(usage, "day").orElse(LocalDate.EPOCH.toString());
        boolean stopRecorded = Optional.ofNullable(usage.get(STOP_RECORDED)).map(AttributeValue::bool)
                .orElseGet(() -> LegacyHistory.stopRecorded(item, day));
        return new PromptHead(string(item, PROMPT_PK), labels, integer(item, LATEST, 1),
                SettingsCodec.read(string(item, "refinement")), instant(item, "createdAt"),
                Attributes.longValue(item, REVISION, 0),
                new RefinementUsage(LocalDate.parse(day), integer(usage, "calls", 0), integer(usage, "tokens", 0),
                        stopRecorded),
                Optional.ofNullable(item.get(CANARY)).map(v -> trial(v.m())),
                Optional.ofNullable(item.get(WATCH)).map(v -> trial(v.m())));
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
