package dev.promptloop.support;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** DynamoDB's JSON error bodies (sent with HTTP 400), as {@link DynamoFaultInjector} answers attempts with them. */
final class DynamoErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A table throttling the request. */
    static final byte[] THROTTLED = """
            {"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",\
            "message":"The level of configured provisioned throughput for the table was exceeded."}"""
            .getBytes(StandardCharsets.UTF_8);

    private DynamoErrors() {
    }

    /**
     * A TransactWriteItems request cancelled because its first action's condition failed (another writer came first):
     * one cancellation reason per action, the first {@code ConditionalCheckFailed}, the others {@code None}.
     */
    static byte[] conditionFailed(byte[] request) {
        try {
            int actions = Math.max(1, JSON.readTree(request).path("TransactItems").size());
            List<String> codes = new ArrayList<>(List.of("ConditionalCheckFailed"));
            codes.addAll(Collections.nCopies(actions - 1, "None"));
            var cancelled = JSON.createObjectNode()
                    .put("__type", "com.amazonaws.dynamodb.v20120810#TransactionCanceledException")
                    .put("message", "Transaction cancelled, please refer cancellation reasons for specific reasons "
                            + codes);
            var reasons = cancelled.putArray("CancellationReasons");
            codes.forEach(code -> {
                var reason = reasons.addObject().put("Code", code);
                if (!"None".equals(code)) {
                    reason.put("Message", "The conditional request failed");
                }
            });
            return JSON.writeValueAsBytes(cancelled);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
