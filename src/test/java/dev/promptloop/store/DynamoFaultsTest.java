package dev.promptloop.store;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.net.ConnectException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Which DynamoDB failures the API answers with a 503 (come back later) rather than a 500 (a bug). */
class DynamoFaultsTest {

    @Test
    void throttlingAServerErrorATimeoutAndABrokenConnectionMayPass() {
        assertThat(DynamoFaults.isTransient(ProvisionedThroughputExceededException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
                .build())).isTrue();
        assertThat(DynamoFaults.isTransient(DynamoDbException.builder().statusCode(500).build())).isTrue();
        assertThat(DynamoFaults.isTransient(ApiCallTimeoutException.create(6000))).isTrue();
        assertThat(DynamoFaults.isTransient(SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused")))).isTrue();
        assertThat(DynamoFaults.isTransient(new UnprocessedItemsException(2, "feedback", 5))).isTrue();
    }

    @Test
    void aTransactionIsTransientOnlyWhenItWasThrottledOrConflictedNotWhenAConditionFailed() {
        assertThat(DynamoFaults.isTransient(cancelled("None", "TransactionConflict"))).isTrue();
        assertThat(DynamoFaults.isTransient(cancelled("ThrottlingError", "None"))).isTrue();
        assertThat(DynamoFaults.isTransient(cancelled("ConditionalCheckFailed", "None"))).isFalse();
    }

    @Test
    void aMissingTableOrMissingCredentialsIsADeploymentBugNotAnOutage() {
        assertThat(DynamoFaults.isTransient(ResourceNotFoundException.builder().statusCode(400).build())).isFalse();
        assertThat(DynamoFaults.isTransient(SdkClientException.create("Unable to load credentials from any of the "
                + "providers in the chain"))).isFalse();
        assertThat(DynamoFaults.isTransient(new IllegalStateException("a bug"))).isFalse();
    }

    private static TransactionCanceledException cancelled(String... reasons) {
        return TransactionCanceledException.builder().statusCode(400).cancellationReasons(
                Arrays.stream(reasons).map(code -> CancellationReason.builder().code(code).build()).toList())
                .build();
    }
}
