package dev.promptloop.store;

import dev.promptloop.core.ConcurrentChangeException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.List;
import java.util.function.Supplier;

/**
 * Commits a transaction that changes a head together with the history events it records. The head's update is
 * conditioned on the head holding no embedded history ({@link HeadExpression} adds that), so the first write to a
 * head from before history had items fails once, migrates it ({@link LegacyHistory}) and is sent again; any other
 * failed condition is a concurrent change.
 */
final class HeadWrites {

    private HeadWrites() {
    }

    static void commit(DynamoDbClient dynamo, String table, String promptId, List<TransactWriteItem> actions,
            Supplier<String> concurrentChange) {
        for (int attempt = 0; ; attempt++) {
            try {
                dynamo.transactWriteItems(t -> t.transactItems(actions));
                return;
            } catch (TransactionCanceledException e) {
                if (!Transactions.conditionFailed(e)) {
                    throw e;
                }
                if (attempt > 0 || !LegacyHistory.migrate(dynamo, table, promptId)) {
                    throw new ConcurrentChangeException(concurrentChange.get());
                }
            }
        }
    }
}
