package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.api.Problems;
import dev.promptloop.support.DynamoCallCounter;
import dev.promptloop.support.DynamoFaultInjector;
import dev.promptloop.support.DynamoFaultsResource;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import dev.promptloop.support.RouteRequests;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route while DynamoDB stays throttled for longer than the SDK retries (under the SDK, with the template's retry
 * mode and the production timeouts, see {@link StorageFaultsTest}): a 503 problem with Retry-After and nothing
 * written, and the same request served once the tables take requests again.
 */
@QuarkusTest
@PromptloopTest
@WithTestResource(DynamoFaultsResource.class)
class StorageOutageTest {

    /** Every operation the stores read or write items with. */
    static final List<String> OPERATIONS = List.of("GetItem", "Query", "BatchGetItem", "PutItem", "UpdateItem",
            "DeleteItem", "TransactWriteItems", "BatchWriteItem");
    /** More attempts than the SDK makes of one call (9) before its call timeout, so the outage outlasts the retries. */
    static final int THROTTLED_ATTEMPTS = 1_000;

    @Inject
    Prompts steps;
    @Inject
    RouteRequests requests;
    @InjectWireMock
    WireMockServer model;

    String promptId;
    String renderId;

    @BeforeEach
    void givenAPromptAndARenderStoredBeforeTheOutage() {
        DynamoFaultInjector.reset();
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        promptId = steps.create(Prompts.uniqueId("outage"), null);
        renderId = steps.renderRow(promptId).get("renderId").asText();
    }

    @AfterEach
    void endTheOutage() {
        DynamoFaultInjector.reset();
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void aStorageOutageIsA503WithRetryAfterAndWritesNothing(Route route) {
        // given a request the route serves, and tables that stay throttled
        JsonNode request = requests.served(route, promptId, renderId);
        OPERATIONS.forEach(operation -> DynamoFaultInjector.throttle(operation, THROTTLED_ATTEMPTS));
        int writes = DynamoCallCounter.writes();

        // when it is sent
        JsonNode refused = requests.functionOf(route).apply(request.deepCopy());

        // then it is refused as a storage outage, after the SDK retried, and nothing was written
        assertThat(status(refused)).as("%s", refused).isEqualTo(503);
        assertThat(refused.get("headers").get("content-type").asText()).isEqualTo(Problems.CONTENT_TYPE);
        assertThat(body(refused).get("type").asText()).isEqualTo(Problems.TYPE_PREFIX + "storage-unavailable");
        assertThat(refused.get("headers").get("Retry-After").asText()).isEqualTo("1");
        assertThat(OPERATIONS.stream().mapToInt(DynamoFaultInjector::throttledAttempts).sum())
                .as("attempts DynamoDB refused").isGreaterThan(1);
        assertThat(DynamoCallCounter.writes()).as("DynamoDB writes").isEqualTo(writes);

        // and once the tables take requests again, the same request is served
        DynamoFaultInjector.reset();
        JsonNode served = requests.functionOf(route).apply(request.deepCopy());
        assertThat(status(served)).as("%s", served).isBetween(200, 201);
    }
}
