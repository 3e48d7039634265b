package dev.promptloop.store;

import dev.promptloop.core.ConcurrentChangeException;
import dev.promptloop.core.ConflictException;
import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptRepository;
import dev.promptloop.prompt.PromptVersion;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.promptloop.store.TableSchemas.PROMPT_PK;
import static dev.promptloop.store.TableSchemas.PROMPT_SK;

/** Prompt heads and immutable versions in the prompts table. */
@StorageBoundary
@ApplicationScoped
public class DynamoPromptStore implements PromptRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPromptStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.prompts();
    }

    @Override
    public void create(PromptHead head, PromptVersion first) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    putNew(HeadItems.item(head)),
                    putNew(VersionItems.item(first))));
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailed(e)) {
                throw new ConflictException("prompt-exists", "prompt '" + head.promptId() + "' already exists");
            }
            throw e;
        }
    }

    @Override
    public Optional<PromptHead> head(String promptId) {
        var item = dynamo.getItem(g -> g.tableName(table).key(PromptItems.key(promptId, PromptItems.HEAD))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(HeadItems.head(item));
    }

    @Override
    public Optional<PromptVersion> version(String promptId, int version) {
        var item = dynamo.getItem(g -> g.tableName(table)
                .key(PromptItems.key(promptId, PromptItems.versionKey(version)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(VersionItems.version(item));
    }

    @Override
    public List<PromptVersion> versions(String promptId) {
        List<PromptVersion> versions = new ArrayList<>();
        var request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(Map.of("#pk", PROMPT_PK, "#sk", PROMPT_SK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(promptId),
                        ":prefix", AttributeValue.fromS(PromptItems.VERSION_PREFIX)))
                .scanIndexForward(false)
                .build();
        dynamo.queryPaginator(request).items().forEach(item -> versions.add(VersionItems.version(item)));
        return versions;
    }

    @Override
    public PromptHead update(PromptHead read, HeadUpdate update) {
        var expression = HeadExpression.of(update)
                .condition("#revision = :revision", Map.of(), Map.of(":revision", Attributes.number(read.revision())));
        int i = 0;
        for (int version : update.labels().values()) {
            expression.condition("#latest >= :to" + i, Map.of("#latest", HeadItems.LATEST),
                    Map.of(":to" + i, Attributes.number(version)));
            i++;
        }
        try {
            var updated = dynamo.updateItem(u -> u.tableName(table)
                    .key(PromptItems.key(read.promptId(), PromptItems.HEAD))
                    .updateExpression(expression.update())
                    .conditionExpression(expression.conditions())
                    .expressionAttributeNames(expression.names())
                    .expressionAttributeValues(expression.values())
                    .returnValues(ReturnValue.ALL_NEW));
            return HeadItems.head(updated.attributes());
        } catch (ConditionalCheckFailedException e) {
            throw new ConcurrentChangeException("prompt '" + read.promptId()
                    + "' changed while it was being updated; read it again and retry");
        }
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PROMPT_PK)).build()).build();
    }
}
