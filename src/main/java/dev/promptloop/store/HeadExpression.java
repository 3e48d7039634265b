package dev.promptloop.store;

import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.TrialChange;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The update expression that applies a {@link HeadUpdate} to a head item: labels set and removed, trials started or
 * ended, settings and usage replaced, revision counted up, on condition that the head holds no embedded history (see {@link HeadWrites}); the
 * update's events are written as their own items beside it. Callers add their own conditions (and any further
 * assignments), so a label move and a refinement's transaction write the head the same way.
 */
final class HeadExpression {

    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();
    private final List<String> sets = new ArrayList<>();
    private final List<String> removes = new ArrayList<>();
    private final List<String> conditions = new ArrayList<>();

    private HeadExpression() {
    }

    static HeadExpression of(HeadUpdate update) {
        var expression = new HeadExpression();
        expression.names.putAll(Map.of("#revision", HeadItems.REVISION, "#history", HeadItems.HISTORY));
        expression.values.putAll(Map.of(":one", Attributes.number(1), ":none", Attributes.number(0),
                ":noHistory", AttributeValue.fromL(List.of())));
        // the empty list the release before appends to, on heads that never had one (see LegacyHistory)
        expression.sets.addAll(List.of("#revision = #revision + :one",
                "#history = if_not_exists(#history, :noHistory)"));
        update.at().ifPresent(at -> {
            expression.names.put("#updatedAt", HeadItems.UPDATED_AT);
            expression.values.put(":updatedAt", AttributeValue.fromS(at.toString()));
            expression.sets.add("#updatedAt = :updatedAt");
        });
        expression.conditions.add(HeadItems.NO_EMBEDDED_HISTORY);
        if (!update.labels().isEmpty() || !update.removedLabels().isEmpty()) {
            expression.names.put("#labels", HeadItems.LABELS);
        }
        int i = 0;
        for (var label : update.labels().entrySet()) {
            expression.names.put("#l" + i, label.getKey());
            expression.values.put(":v" + i, Attributes.number(label.getValue()));
            expression.sets.add("#labels.#l" + i + " = :v" + i);
            i++;
        }
        for (String label : update.removedLabels()) {
            expression.names.put("#l" + i, label);
            expression.removes.add("#labels.#l" + i);
            i++;
        }
        update.settings().ifPresent(settings -> {
            int n = 0;
            for (var attribute : HeadItems.settings(settings).entrySet()) {
                expression.names.put("#s" + n, attribute.getKey());
                expression.values.put(":s" + n, attribute.getValue());
                expression.sets.add("#s" + n + " = :s" + n);
                n++;
            }
        });
        expression.trial(update.canary(), HeadItems.CANARY);
        expression.trial(update.watch(), HeadItems.WATCH);
        expression.trial(update.gate(), HeadItems.GATE);
        update.usage().ifPresent(usage -> {
            expression.names.put("#usage", HeadItems.USAGE);
            expression.values.put(":usage", HeadItems.usage(usage));
            expression.sets.add("#usage = :usage");
        });
        return expression;
    }

    /** Adds an assignment such as {@code #latest = :next}, with the names and values it uses. */
    HeadExpression set(String assignment, Map<String, String> names, Map<String, AttributeValue> values) {
        sets.add(assignment);
        this.names.putAll(names);
        this.values.putAll(values);
        return this;
    }

    /** Adds a condition; all conditions must hold. */
    HeadExpression condition(String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        conditions.add(condition);
        this.names.putAll(names);
        this.values.putAll(values);
        return this;
    }

    String update() {
        return "SET " + String.join(", ", sets) + (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
    }

    String conditions() {
        return String.join(" AND ", conditions);
    }

    Map<String, String> names() {
        return names;
    }

    Map<String, AttributeValue> values() {
        return values;
    }

    private void trial(TrialChange change, String attribute) {
        if (change instanceof TrialChange.Start start) {
            names.put("#" + attribute, attribute);
            values.put(":" + attribute, HeadItems.trial(start.trial()));
            sets.add("#" + attribute + " = :" + attribute);
        } else if (change instanceof TrialChange.End) {
            names.put("#" + attribute, attribute);
            removes.add("#" + attribute);
        }
    }
}
