package dev.promptloop.store;

import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptVersion;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.List;
import java.util.Map;

import static dev.promptloop.store.Attributes.number;
import static dev.promptloop.store.TableSchemas.PROMPT_PK;

/**
 * The two actions that add a version, whoever writes it (a refinement or a person): the version item, on condition
 * it does not exist, and the head, its latest version moved to it on condition it is still the one read, so no
 * number is skipped or taken twice, with whatever else the caller's expression sets and requires.
 */
final class VersionWrites {

    private VersionWrites() {
    }

    static List<TransactWriteItem> newVersion(String table, PromptHead read, PromptVersion version,
            HeadExpression head) {
        return newVersion(table, read, version.version(), VersionItems.item(version), head);
    }

    /** The same, with the version's item as the caller made it (marked as awaiting the gate, say). */
    static List<TransactWriteItem> newVersion(String table, PromptHead read, int version,
            Map<String, AttributeValue> versionItem, HeadExpression head) {
        head.set("#latest = :next", Map.of("#latest", HeadItems.LATEST), Map.of(":next", number(version)))
                .condition("#latest = :latest", Map.of(), Map.of(":latest", number(read.latestVersion())));
        return List.of(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(versionItem)
                        .conditionExpression("attribute_not_exists(#pk)")
                        .expressionAttributeNames(Map.of("#pk", PROMPT_PK)).build()).build(),
                TransactWriteItem.builder().update(Update.builder().tableName(table)
                        .key(PromptItems.key(read.promptId(), PromptItems.HEAD))
                        .updateExpression(head.update())
                        .conditionExpression(head.conditions())
                        .expressionAttributeNames(head.names())
                        .expressionAttributeValues(head.values())
                        .build()).build());
    }
}
