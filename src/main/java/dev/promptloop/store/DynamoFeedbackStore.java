package dev.promptloop.store;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackRepository;
import dev.promptloop.feedback.Tally;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static dev.promptloop.store.TableSchemas.FEEDBACK_PENDING;
import static dev.promptloop.store.TableSchemas.FEEDBACK_PENDING_INDEX;
import static dev.promptloop.store.TableSchemas.FEEDBACK_PK;

/** Feedback in the feedback table; pending negative feedback is read from a sparse index that holds only it. */
@ApplicationScoped
public class DynamoFeedbackStore implements FeedbackRepository {

    /** Sends of one batch, the first included: the pauses before the resends add up to at most 0.75 s. */
    private static final int UNPROCESSED_ROUNDS = 5;
    private static final long UNPROCESSED_BASE_PAUSE_MILLIS = 25;

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
        for (int start = 0; start < feedback.size(); start += 25) {
            var requests = feedback.subList(start, Math.min(feedback.size(), start + 25)).stream()
                    .map(f -> WriteRequest.builder().putRequest(p -> p.item(FeedbackItems.item(f))).build())
                    .toList();
            Map<String, List<WriteRequest>> unprocessed = Map.of(table, requests);
            // The SDK retries a throttled call, but items DynamoDB leaves unprocessed (it throttled part of the batch)
            // come back in a successful answer: they are sent again after a jittered, growing pause, a few times.
            for (int round = 0; !unprocessed.isEmpty(); round++) {
                if (round == UNPROCESSED_ROUNDS) {
                    throw new UnprocessedItemsException(unprocessed.get(table).size(), table, round);
                }
                pause(round);
                var pending = unprocessed;
                unprocessed = dynamo.batchWriteItem(b -> b.requestItems(pending)).unprocessedItems();
            }
        }
    }

    private static void pause(int round) {
        if (round == 0) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(UNPROCESSED_BASE_PAUSE_MILLIS << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resending unprocessed feedback", e);
        }
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
                        ":since", AttributeValue.fromS(FeedbackItems.SORTABLE.format(since)), ":user", AttributeValue.fromS("user")))
                .projectionExpression("version, negative")
                .build();
        dynamo.queryPaginator(request).items().forEach(item -> tallies.merge(
                Integer.parseInt(item.get("version").n()), Tally.NONE.plus(item.get("negative").bool()),
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
}
