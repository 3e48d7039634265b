package dev.promptloop.support;

import dev.promptloop.store.TableNames;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The prompts table's raw items, as a test inspects or plants them. */
@ApplicationScoped
public class PromptsTable {

    private final DynamoDbClient dynamo;
    private final String table;

    public PromptsTable(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.prompts();
    }

    public Map<String, AttributeValue> head(String promptId) {
        return dynamo.getItem(g -> g.tableName(table).consistentRead(true).key(Map.of(
                "pk", AttributeValue.fromS(promptId), "sk", AttributeValue.fromS("HEAD")))).item();
    }

    /** Every item under a prompt whose sort key starts with {@code prefix}. */
    public List<Map<String, AttributeValue>> items(String promptId, String prefix) {
        return dynamo.queryPaginator(q -> q.tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(promptId),
                        ":prefix", AttributeValue.fromS(prefix)))).items().stream().toList();
    }

    /** Appends a label move to the head's history list and counts its revision up, as the release before did. */
    public void appendAsThePreviousReleaseDid(String promptId, String reason) {
        var entry = AttributeValue.fromM(Map.of("label", AttributeValue.fromS("staging"),
                "to", AttributeValue.fromN("1"), "reason", AttributeValue.fromS(reason),
                "at", AttributeValue.fromS(java.time.Instant.now().toString())));
        dynamo.updateItem(u -> u.tableName(table).key(Map.of("pk", AttributeValue.fromS(promptId),
                        "sk", AttributeValue.fromS("HEAD")))
                .updateExpression("SET #history = list_append(#history, :e), #revision = #revision + :one,"
                        + " #labels.#staging = :one")
                .expressionAttributeNames(Map.of("#history", "history", "#revision", "revision", "#labels", "labels",
                        "#staging", "staging"))
                .expressionAttributeValues(Map.of(":e", AttributeValue.fromL(List.of(entry)),
                        ":one", AttributeValue.fromN("1"))));
    }

    /** Plants a stored-item fixture under another prompt id. */
    public void plant(String fixture, String promptId) {
        Map<String, AttributeValue> item = new HashMap<>(StoredItems.item(fixture));
        item.put("pk", AttributeValue.fromS(promptId));
        dynamo.putItem(p -> p.tableName(table).item(item));
    }

    /** An item's size as DynamoDB counts it: the UTF-8 bytes of every attribute name and value. */
    public static int size(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToInt(e -> bytes(e.getKey()) + size(e.getValue())).sum();
    }

    private static int size(AttributeValue value) {
        if (value.s() != null) {
            return bytes(value.s());
        }
        if (value.n() != null) {
            return value.n().length();
        }
        if (value.bool() != null) {
            return 1;
        }
        if (value.hasM()) {
            return 3 + size(value.m()) + value.m().size();
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToInt(v -> 1 + size(v)).sum();
        }
        return 1;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
