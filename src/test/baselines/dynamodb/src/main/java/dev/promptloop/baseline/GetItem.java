package dev.promptloop.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Reads one item of the prompts table with the extension-managed client: the least a DynamoDB-backed Quarkus Lambda
 * does, so its start-up is the framework's and the SDK's first call.
 */
@Named("get-item")
public class GetItem implements RequestHandler<Map<String, String>, Map<String, Object>> {

    private final DynamoDbClient dynamo;

    GetItem(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, String> input, Context context) {
        var key = Map.of("pk", AttributeValue.fromS(input.get("pk")), "sk", AttributeValue.fromS(input.get("sk")));
        return Map.of("found", dynamo.getItem(get -> get.tableName(input.get("table")).key(key)).hasItem());
    }
}
