package dev.promptloop.support;

import dev.promptloop.store.TableNames;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;

/** The feedback table as tests inspect it: every item of a prompt, read consistently from DynamoDB (moto). */
@ApplicationScoped
public class FeedbackTable {

    private final DynamoDbClient dynamo;
    private final TableNames tables;

    public FeedbackTable(DynamoDbClient dynamo, TableNames tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    public List<Map<String, AttributeValue>> itemsOf(String promptId) {
        return dynamo.query(q -> q.tableName(tables.feedback()).keyConditionExpression("promptId = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(promptId))).consistentRead(true)).items();
    }
}
