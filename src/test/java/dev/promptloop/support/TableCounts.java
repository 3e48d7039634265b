package dev.promptloop.support;

import dev.promptloop.store.TableNames;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Item counts of the three tables, to show that a rejected request wrote nothing. */
public record TableCounts(int prompts, int renders, int feedback) {

    public static TableCounts of(DynamoDbClient dynamo, TableNames tables) {
        return new TableCounts(count(dynamo, tables.prompts()), count(dynamo, tables.renders()),
                count(dynamo, tables.feedback()));
    }

    private static int count(DynamoDbClient dynamo, String table) {
        return dynamo.scanPaginator(s -> s.tableName(table).consistentRead(true)).stream()
                .mapToInt(page -> page.count()).sum();
    }
}
