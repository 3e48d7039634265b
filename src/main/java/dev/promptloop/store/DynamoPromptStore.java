package dev.promptloop.store;

import dev.promptloop.core.ConflictException;
import dev.promptloop.core.Page;
import dev.promptloop.core.PageRequest;
import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryQuery;
import dev.promptloop.core.PromptId;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptQuery;
import dev.promptloop.prompt.PromptRepository;
import dev.promptloop.prompt.PromptSummary;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.TrialChange;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.promptloop.store.TableSchemas.PROMPT_PK;
import static dev.promptloop.store.TableSchemas.PROMPT_SK;

/** Prompt heads, immutable versions and history events in the prompts table. */
@StorageBoundary
@ApplicationScoped
public class DynamoPromptStore implements PromptRepository {

    private static final Pattern VERSION_KEY = Pattern.compile("V#\\d{10}");

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoPromptStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.prompts();
    }

    @Override
    public void create(PromptHead head, PromptVersion first, HistoryEntry created) {
        List<TransactWriteItem> actions = new ArrayList<>(List.of(putNew(HeadItems.item(head)),
                putNew(VersionItems.item(first))));
        actions.addAll(HistoryWrites.puts(table, head.promptId(), List.of(created)));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(actions));
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
    public Page<PromptSummary> list(PromptQuery query) {
        Map<String, String> names = new HashMap<>(Map.of("#sk", PROMPT_SK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":head", AttributeValue.fromS(PromptItems.HEAD)));
        var request = QueryRequest.builder().tableName(table).indexName(TableSchemas.PROMPT_HEADS_INDEX)
                .keyConditionExpression("#sk = :head");
        query.tag().ifPresent(tag -> {
            names.put("#tags", HeadItems.TAGS);
            values.put(":tag", AttributeValue.fromS(tag));
            request.filterExpression("contains(#tags, :tag)");
        });
        request.expressionAttributeNames(names).expressionAttributeValues(values);
        return QueryPages.read(dynamo, request.build(), query.page(), PromptId.PATTERN, PROMPT_PK,
                id -> Map.of(PROMPT_PK, AttributeValue.fromS(id), PROMPT_SK, AttributeValue.fromS(PromptItems.HEAD)))
                .map(HeadItems::summary);
    }

    @Override
    public Page<PromptVersion> versions(String promptId, PageRequest page) {
        var request = newestFirst(promptId, PromptItems.VERSION_PREFIX, Map.of(), Map.of()).build();
        return QueryPages.read(dynamo, request, promptId, page,
                VERSION_KEY).map(VersionItems::version);
    }

    @Override
    public Set<Integer> rolledBack(String promptId, int lowest, int highest) {
        LegacyHistory.migrate(dynamo, table, promptId);
        var request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND #sk BETWEEN :lowest AND :highest")
                .expressionAttributeNames(Map.of("#pk", PROMPT_PK, "#sk", PROMPT_SK))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(promptId),
                        ":lowest", AttributeValue.fromS(RollbackMarks.sortKey(lowest)),
                        ":highest", AttributeValue.fromS(RollbackMarks.sortKey(highest))))
                .build();
        return dynamo.queryPaginator(request).items().stream().map(RollbackMarks::version)
                .collect(Collectors.toSet());
    }

    @Override
    public Page<HistoryEntry> history(String promptId, HistoryQuery query) {
        LegacyHistory.migrate(dynamo, table, promptId);
        var request = query.kind().map(kind -> newestFirst(promptId, PromptItems.HISTORY_PREFIX,
                        Map.of("#kind", HistoryItems.KIND), Map.of(":kind", AttributeValue.fromS(kind.wireName())))
                        .filterExpression("#kind = :kind"))
                .orElseGet(() -> newestFirst(promptId, PromptItems.HISTORY_PREFIX, Map.of(), Map.of()));
        return QueryPages.read(dynamo, request.build(), promptId, query.page(), HistoryItems.SORT_KEY)
                .map(HistoryItems::entry);
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
        List<TransactWriteItem> actions = new ArrayList<>();
        actions.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(PromptItems.key(read.promptId(), PromptItems.HEAD))
                .updateExpression(expression.update())
                .conditionExpression(expression.conditions())
                .expressionAttributeNames(expression.names())
                .expressionAttributeValues(expression.values())
                .build()).build());
        actions.addAll(HistoryWrites.puts(table, read.promptId(), update.history()));
        HeadWrites.commit(dynamo, table, read.promptId(), actions, () -> "prompt '" + read.promptId()
                + "' changed while it was being updated; read it again and retry");
        return read.after(update);
    }

    @Override
    public PromptHead addVersion(PromptHead read, PromptVersion version, HeadUpdate update) {
        var expression = HeadExpression.of(update)
                .condition("#revision = :revision", Map.of(), Map.of(":revision", Attributes.number(read.revision())));
        var item = update.gate() instanceof TrialChange.Start ? VersionItems.awaitingGate(version)
                : VersionItems.item(version);
        List<TransactWriteItem> actions = new ArrayList<>(VersionWrites.newVersion(table, read, version.version(), item,
                expression));
        actions.addAll(HistoryWrites.puts(table, read.promptId(), update.history()));
        HeadWrites.commit(dynamo, table, read.promptId(), actions, () -> "prompt '" + read.promptId()
                + "' changed (another version or label move came first); version " + version.version()
                + " was not written: read it again and retry");
        return read.after(update, version.version(), read.usage());
    }

    /** A query of one kind of item under the prompt, newest (highest sort key) first, optionally filtered. */
    private QueryRequest.Builder newestFirst(String promptId, String prefix, Map<String, String> filterNames,
            Map<String, AttributeValue> filterValues) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", PROMPT_PK, "#sk", PROMPT_SK));
        names.putAll(filterNames);
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(promptId),
                ":prefix", AttributeValue.fromS(prefix)));
        values.putAll(filterValues);
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values)
                .scanIndexForward(false);
    }

    private TransactWriteItem putNew(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", PROMPT_PK)).build()).build();
    }
}
