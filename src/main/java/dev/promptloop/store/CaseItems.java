package dev.promptloop.store;

import dev.promptloop.suite.RegressionCase;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.promptloop.store.Attributes.instant;
import static dev.promptloop.store.Attributes.integer;
import static dev.promptloop.store.Attributes.number;
import static dev.promptloop.store.Attributes.optionalInteger;
import static dev.promptloop.store.Attributes.optionalString;
import static dev.promptloop.store.Attributes.putIfPresent;
import static dev.promptloop.store.Attributes.string;
import static dev.promptloop.store.Attributes.strings;
import static dev.promptloop.store.TableSchemas.PROMPT_SK;

/**
 * A regression case as its own item {@code C#<caseId>} under the prompt, leniently on read: a missing attribute reads
 * as empty, an unknown kind as a fixed case, and checks this code cannot run are left out.
 */
final class CaseItems {

    static final String PREFIX = "C#";
    /** The sort key shape this codec writes; positions handed back by callers must have it. */
    static final Pattern SORT_KEY = Pattern.compile("C#[fko]-[0-9a-f]{16}");

    private CaseItems() {
    }

    static Map<String, AttributeValue> key(String promptId, String caseId) {
        return PromptItems.key(promptId, PREFIX + caseId);
    }

    static Map<String, AttributeValue> item(String promptId, RegressionCase c) {
        Map<String, AttributeValue> item = new HashMap<>(key(promptId, c.caseId()));
        ItemFormat.stamp(item);
        item.put("kind", AttributeValue.fromS(c.kind().wireName()));
        item.put("variables", AttributeValue.fromM(c.variables().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> AttributeValue.fromS(e.getValue())))));
        putIfPresent(item, "output", c.output());
        item.put("critiques", stringList(c.critiques()));
        item.put("feedbackIds", stringList(c.feedbackIds()));
        item.put("version", number(c.version()));
        c.learnedBy().ifPresent(v -> item.put("learnedBy", number(v)));
        if (!c.checks().isEmpty()) {
            item.put("checks", AttributeValue.fromS(CheckCodec.write(c.checks())));
        }
        putIfPresent(item, "note", c.note());
        item.put("author", AttributeValue.fromS(c.author()));
        item.put("createdAt", AttributeValue.fromS(c.createdAt().toString()));
        return item;
    }

    static RegressionCase regressionCase(Map<String, AttributeValue> item) {
        String caseId = string(item, PROMPT_SK).substring(PREFIX.length());
        var kind = optionalString(item, "kind").flatMap(RegressionCase.Kind::fromWireName)
                .orElse(RegressionCase.Kind.FIXED);
        Map<String, String> variables = Attributes.map(item, "variables").entrySet().stream()
                .filter(e -> e.getValue().s() != null)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().s()));
        return new RegressionCase(caseId, kind, variables, optionalString(item, "output"), strings(item, "critiques"),
                strings(item, "feedbackIds"), integer(item, "version", 0), optionalInteger(item, "learnedBy"),
                optionalString(item, "checks").map(CheckCodec::read).orElse(List.of()), optionalString(item, "note"),
                optionalString(item, "author").orElse(HistoryItems.UNRECORDED_ACTOR), instant(item, "createdAt"));
    }

    private static AttributeValue stringList(List<String> values) {
        return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
    }
}
