package dev.promptloop.store;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.Set;

/**
 * Tells a DynamoDB failure that may pass on its own from one that will not. The SDK has already retried it (its retry
 * mode and attempts come from AWS_RETRY_MODE and AWS_MAX_ATTEMPTS, which the template sets), so what arrives here is
 * a table still throttled, DynamoDB failing on its side, the network or a timeout: the caller should come back later,
 * and nothing about it is a bug of the request or of Promptloop.
 */
public final class DynamoFaults {

    /** Cancellation reasons of a transaction that a later attempt can pass; a failed condition is not one. */
    private static final Set<String> TRANSIENT_CANCELLATIONS = Set.of("ThrottlingError", "TransactionConflict",
            "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    private DynamoFaults() {
    }

    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransactionCanceledException cancelled) {
                return cancelled.hasCancellationReasons() && cancelled.cancellationReasons().stream()
                        .anyMatch(reason -> TRANSIENT_CANCELLATIONS.contains(reason.code()));
            }
            if (cause instanceof AwsServiceException service) {
                return service.isThrottlingException() || service.statusCode() >= 500;
            }
            if (cause instanceof UnprocessedItemsException || cause instanceof SdkClientException) {
                // a batch DynamoDB kept throttling; or no answer: connection refused or broken, a timeout ran out
                return true;
            }
        }
        return false;
    }
}
