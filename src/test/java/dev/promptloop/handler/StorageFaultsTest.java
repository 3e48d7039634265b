package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.store.TableNames;
import dev.promptloop.store.TableSchemas;
import dev.promptloop.support.DynamoCallCounter;
import dev.promptloop.support.DynamoFaultInjector;
import dev.promptloop.support.DynamoFaultsResource;
import dev.promptloop.support.FeedbackTable;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A busy or throttled table, under the SDK with the retry mode and timeouts it has on AWS: a throttle that passes
 * within the retries is invisible to the caller and the item is written once; one that lasts is a 503 problem with
 * Retry-After once the call timeout runs out, never a 2xx for a write that did not happen and never a 500.
 */
@QuarkusTest
@PromptloopTest
@WithTestResource(DynamoFaultsResource.class)
class StorageFaultsTest {

    @Inject
    Prompts prompts;
    @Inject
    FeedbackHandler feedback;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    TableNames tables;
    @Inject
    FeedbackTable feedbackTable;
    @InjectWireMock
    WireMockServer model;

    @BeforeEach
    void aModelThatForgetsThePrice() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Aurora Lamp, light that follows you.");
        DynamoFaultInjector.reset();
    }

    @AfterEach
    void calmTables() {
        DynamoFaultInjector.reset();
    }

    @Test
    void aRenderWriteThrottledTwiceIsRetriedByTheSdkAndStoredOnce() {
        String id = prompts.create(Prompts.uniqueId("throttled"), null);
        int writes = DynamoCallCounter.writes();
        DynamoFaultInjector.throttle("PutItem", 2);

        JsonNode rendered = prompts.renderResponse(id, Prompts.ROW);

        assertThat(status(rendered)).isEqualTo(200);
        assertThat(DynamoFaultInjector.throttledAttempts("PutItem")).isEqualTo(2);
        assertThat(renderStored(body(rendered).get("renderId").asText())).isTrue();
        assertThat(DynamoCallCounter.writes()).as("one write carried out").isEqualTo(writes + 1);
    }

    @Test
    void aTableThatStaysThrottledAnswers503WithRetryAfterAndNoRenderIsStored() {
        String id = prompts.create(Prompts.uniqueId("throttled"), null);
        int writes = DynamoCallCounter.writes();
        DynamoFaultInjector.throttle("PutItem", 100);

        JsonNode refused = prompts.renderResponse(id, Prompts.ROW);

        assertThat(status(refused)).isEqualTo(503);
        assertThat(body(refused).get("type").asText()).endsWith(":storage-unavailable");
        assertThat(refused.get("headers").get("Retry-After").asText()).isEqualTo("1");
        assertThat(DynamoFaultInjector.throttledAttempts("PutItem")).as("retried until the call timeout ran out")
                .isGreaterThan(1);
        assertThat(DynamoCallCounter.writes()).as("nothing written").isEqualTo(writes);
    }

    @Test
    void aThrottledFeedbackFreesItsIdempotencyKeySoTheRetryWithTheSameKeyIsStored() {
        String id = prompts.create(Prompts.uniqueId("throttled"), null);
        String renderId = prompts.renderRow(id).get("renderId").asText();
        ObjectNode critique = v2(Route.FEEDBACK, Map.of("renderId", renderId), "{\"thumb\": \"down\"}");
        ((ObjectNode) critique.get("headers")).put("Idempotency-Key", "throttled-1");
        DynamoFaultInjector.throttle("TransactWriteItems", 100);

        JsonNode refused = feedback.handleRequest(critique.deepCopy(), null);
        DynamoFaultInjector.reset();
        JsonNode retried = feedback.handleRequest(critique.deepCopy(), null);

        assertThat(status(refused)).isEqualTo(503);
        assertThat(status(retried)).isEqualTo(201);
        assertThat(retried.get("headers").has("Idempotent-Replayed")).as("a fresh run, not a replay").isFalse();
        assertThat(feedbackTable.itemsOf(id)).hasSize(1);
    }

    @Test
    void machineFeedbackLeftUnprocessedIsSentAgainUntilDynamoDbTakesIt() {
        String id = prompts.create(Prompts.uniqueId("unprocessed"), null, Prompts.PRICE_CHECK);
        DynamoFaultInjector.leaveUnprocessed(2);

        JsonNode rendered = prompts.renderResponse(id, Prompts.ROW);

        assertThat(status(rendered)).isEqualTo(200);
        assertThat(DynamoFaultInjector.batchSends()).isEqualTo(3);
        assertThat(feedbackTable.itemsOf(id)).as("the failed check's feedback, once").hasSize(1);
    }

    @Test
    void machineFeedbackThatStaysUnprocessedAnswers503() {
        String id = prompts.create(Prompts.uniqueId("unprocessed"), null, Prompts.PRICE_CHECK);
        DynamoFaultInjector.leaveUnprocessed(100);

        JsonNode refused = prompts.renderResponse(id, Prompts.ROW);

        assertThat(status(refused)).isEqualTo(503);
        assertThat(body(refused).get("type").asText()).endsWith(":storage-unavailable");
        assertThat(DynamoFaultInjector.batchSends()).isEqualTo(5);
    }

    private boolean renderStored(String renderId) {
        return dynamo.getItem(get -> get.tableName(tables.renders()).consistentRead(true)
                .key(Map.of(TableSchemas.RENDER_PK, AttributeValue.fromS(renderId)))).hasItem();
    }

}
