package dev.promptloop.store;

import dev.promptloop.core.Page;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackEntry;
import dev.promptloop.feedback.FeedbackQuery;
import dev.promptloop.feedback.FeedbackRepository;
import dev.promptloop.feedback.Tally;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.promptloop.store.TableSchemas.FEEDBACK_PENDING;
import static dev.promptloop.store.TableSchemas.FEEDBACK_PENDING_INDEX;
import static dev.promptloop.store.TableSchemas.FEEDBACK_PK;

/** Feedback in the feedback table (storage faults become core exceptions: {@link StorageBoundary}); pending negative feedback is read from a sparse index that holds only it. */
@StorageBoundary
@ApplicationScoped
public class DynamoFeedbackStore implements FeedbackRepository {

    private final DynamoDbClient dynamo;
    private final String table;
    private final String renders;

    public DynamoFeedbackStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.feedback();
        this.renders = tables.renders();
    }

    @Override
    public boolean saveIfRenderLive(Feedback feedback, Instant now) {
        try {
            dynamo.transactWriteItems(t -> t.transactItems(
                    TransactWriteItem.builder().conditionCheck(c -> c.tableName(renders)
                            .key(Map.of(TableSchemas.RENDER_PK, AttributeValue.fromS(feedback.renderId())))
                            .conditionExpression("attribute_exists(#render) AND #expires > :now")
                            .expressionAttributeNames(Map.of("#render", TableSchemas.RENDER_PK,
                                    "#expires", TableSchemas.RENDER_TTL))
                            .expressionAttributeValues(Map.of(":now", Attributes.number(now.getEpochSecond()))))
                            .build(),
                    TransactWriteItem.builder().put(p -> p.tableName(table).item(FeedbackItems.item(feedback))
                            .conditionExpression("attribute_not_exists(#pk)")
                            .expressionAttributeNames(Map.of("#pk", FEEDBACK_PK)))
                            .build()));
            return true;
        } catch (TransactionCanceledException e) {
            if (Transactions.conditionFailed(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void saveAll(List<Feedback> feedback) {
        UnprocessedResends.putAll(dynamo, table, feedback.stream().map(FeedbackItems::item).toList());
    }

    @Override
    public Map<Integer, Tally> tallySince(String promptId, Instant since) {
        Map<Integer, Tally> tallies = new HashMap<>();
        var request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("#pk = :pk AND #sk > :since")
                .filterExpression("#source = :user")
                .expressionAttributeNames(Map.of("#pk", FEEDBACK_PK, "#sk", TableSchemas.FEEDBACK_SK,
                        "#source", "source"))
                .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(promptId),
                        ":since", AttributeValue.fromS(SortKeys.TIME.format(since)), ":user", AttributeValue.fromS("user")))
                .projectionExpression("version, negative")
                .build();
        dynamo.queryPaginator(request).items().forEach(item -> tallies.merge(
                Attributes.integer(item, "version", 0), Tally.NONE.plus(Attributes.bool(item, "negative", false)),
                (a, b) -> new Tally(a.positive() + b.positive(), a.negative() + b.negative())));
        return tallies;
    }

    @Override
    public List<Feedback> recentPositive(String promptId, int limit) {
        return dynamo.query(q -> q.tableName(table)
                        .keyConditionExpression("#pk = :pk")
                        .filterExpression("#negative = :false AND #source = :user")
                        .expressionAttributeNames(Map.of("#pk", FEEDBACK_PK, "#negative", "negative",
                                "#source", "source"))
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(promptId),
                                ":false", AttributeValue.fromBool(false), ":user", AttributeValue.fromS("user")))
                        .scanIndexForward(false)
                        .limit(200))
                .items().stream().limit(limit).map(FeedbackItems::feedback).toList();
    }

    @Override
    public List<Feedback> pendingNegative(String promptId, int version, int limit) {
        return dynamo.query(q -> q.tableName(table).indexName(FEEDBACK_PENDING_INDEX)
                        .keyConditionExpression("#pending = :pending")
                        .expressionAttributeNames(Map.of("#pending", FEEDBACK_PENDING))
                        .expressionAttributeValues(Map.of(":pending",
                                AttributeValue.fromS(FeedbackItems.pendingKey(promptId, version))))
                        .scanIndexForward(true)
                        .limit(limit))
                .items().stream().map(FeedbackItems::feedback).toList();
    }

    @Override
    public int countPending(String promptId, int version) {
        var request = QueryRequest.builder().tableName(table).indexName(FEEDBACK_PENDING_INDEX)
                .keyConditionExpression("#pending = :pending")
                .expressionAttributeNames(Map.of("#pending", FEEDBACK_PENDING))
                .expressionAttributeValues(Map.of(":pending",
                        AttributeValue.fromS(FeedbackItems.pendingKey(promptId, version))))
                .select(Select.COUNT)
                .build();
        return dynamo.queryPaginator(request).stream().mapToInt(QueryResponse::count).sum();
    }

    @Override
    public Page<FeedbackEntry> review(String promptId, FeedbackQuery query) {
        Map<String, String> names = new HashMap<>(Map.of("#pk", FEEDBACK_PK));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", AttributeValue.fromS(promptId)));
        List<String> filters = new ArrayList<>();
        switch (query.status()) {
            case PENDING -> {
                names.put("#pending", FEEDBACK_PENDING);
                filters.add("attribute_exists(#pending)");
            }
            case CONSUMED -> {
                names.put("#consumedBy", FeedbackItems.CONSUMED_BY);
                filters.add("attribute_exists(#consumedBy)");
            }
            case UNRESOLVED -> {
                names.put("#unresolvedBy", FeedbackItems.UNRESOLVED_BY);
                filters.add("attribute_exists(#unresolvedBy)");
            }
            case ALL -> {
            }
        }
        query.version().ifPresent(version -> {
            names.put("#version", "version");
            values.put(":version", Attributes.number(version));
            filters.add("#version = :version");
        });
        var request = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("#pk = :pk").scanIndexForward(false)
                .expressionAttributeNames(names).expressionAttributeValues(values);
        if (!filters.isEmpty()) {
            request.filterExpression(String.join(" AND ", filters));
        }
        return QueryPages.read(dynamo, request.build(), query.page(), FeedbackItems.SORT_KEY,
                TableSchemas.FEEDBACK_SK, position -> Map.of(FEEDBACK_PK, AttributeValue.fromS(promptId),
                        TableSchemas.FEEDBACK_SK, AttributeValue.fromS(position)))
                .map(item -> new FeedbackEntry(FeedbackItems.feedback(item),
                        Attributes.optionalInteger(item, FeedbackItems.CONSUMED_BY),
                        Attributes.optionalInteger(item, FeedbackItems.UNRESOLVED_BY)));
    }
}
