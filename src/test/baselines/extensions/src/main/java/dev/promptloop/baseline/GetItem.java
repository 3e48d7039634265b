package dev.promptloop.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.langchain4j.model.chat.ChatModel;
import jakarta.inject.Named;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/**
 * Reads one item of the prompts table with the extension-managed client while holding the langchain4j chat model, as
 * Promptloop's handlers do: its start-up is that of Promptloop's extensions and the SDK's first call, without
 * Promptloop's code. The model is not called, as the benchmark's render event does not run it either.
 */
@Named("get-item")
public class GetItem implements RequestHandler<Map<String, String>, Map<String, Object>> {

    private final DynamoDbClient dynamo;

    /** {@code model} is only an injection point: it keeps the extension's model bean, and so its boot, in the build. */
    GetItem(DynamoDbClient dynamo, ChatModel model) {
        this.dynamo = dynamo;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, String> input, Context context) {
        var key = Map.of("pk", AttributeValue.fromS(input.get("pk")), "sk", AttributeValue.fromS(input.get("sk")));
        return Map.of("found", dynamo.getItem(get -> get.tableName(input.get("table")).key(key)).hasItem());
    }
}
