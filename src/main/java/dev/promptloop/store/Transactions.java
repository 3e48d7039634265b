package dev.promptloop.store;

import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Reading why DynamoDB cancelled a transaction. */
final class Transactions {

    private Transactions() {
    }

    /** True when at least one action's condition failed (as opposed to throttling or a conflict in flight). */
    static boolean conditionFailed(TransactionCanceledException e) {
        return e.hasCancellationReasons()
                && e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()));
    }
}
