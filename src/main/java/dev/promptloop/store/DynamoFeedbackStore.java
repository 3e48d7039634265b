package dev.promptloop.store;

import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackRepository;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

import static dev.promptloop.store.TableSchemas.FEEDBACK_PENDING;
import static dev.promptloop.store.TableSchemas.FEEDBACK_PENDING_INDEX;
import static dev.promptloop.store.TableSchemas.FEEDBACK_PK;

/** Feedback in the feedback table; pending negative feedback is read from a sparse index that holds only it. */
@ApplicationScoped
public class DynamoFeedbackStore implements FeedbackRepository {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoFeedbackStore(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.table = tables.feedback();
    }

    @Override
    public void save(Feedback feedback) {
        dynamo.putItem(p -> p.tableName(table).item(FeedbackItems.item(feedback))
                .conditionExpression("attribute_not_exists(#pk)")
                .expressionAttributeNames(Map.of("#pk", FEEDBACK_PK)));
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
