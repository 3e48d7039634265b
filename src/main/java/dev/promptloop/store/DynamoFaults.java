package dev.promptloop.store;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.io.IOException;
import java.util.Set;

/**
 * Tells a DynamoDB failure that may pass on its own from one that will not. The SDK has already retried it (standard
 * mode from AWS_RETRY_MODE; the DynamoDB client's own 9 attempts within the call timeout), so what arrives here is a
 * table still throttled, DynamoDB failing on its side, the network or a timeout: the caller should come back later,
 * and nothing about it is a bug of the request or of Promptloop. A client-side failure without I/O behind it (no
 * credentials, say) is not transient: it is a deployment's bug and must show as one.
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
            if (cause instanceof UnprocessedItemsException || cause instanceof ApiCallTimeoutException
                    || cause instanceof ApiCallAttemptTimeoutException || cause instanceof IOException) {
                return true; // a batch DynamoDB kept throttling; a timeout that ran out; a connection refused or broken
            }
        }
        return false;
    }
}
