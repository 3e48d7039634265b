package dev.promptloop.management;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.api.Problems;
import dev.promptloop.handler.Route;
import dev.promptloop.support.DynamoCallCounter;
import dev.promptloop.support.DynamoFaultInjector;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import dev.promptloop.support.PromptsTable;
import dev.promptloop.support.RouteRequests;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's change to a prompt is one transaction conditioned on the head it read. When another writer changes the
 * head between that read and the write, DynamoDB cancels the transaction (staged under the SDK by
 * {@link DynamoFaultInjector#failConditions}): the answer is 409 concurrent-change, nothing is written, and the same
 * request sent again is served.
 */
@QuarkusTest
@PromptloopTest
class ConcurrentChangeTest {

    @Inject
    RouteRequests requests;
    @Inject
    Prompts prompts;
    @Inject
    PromptsTable table;

    @BeforeEach
    @AfterEach
    void noWriterInTheWay() {
        DynamoFaultInjector.reset();
    }

    @ParameterizedTest
    @EnumSource(value = Route.class, names = {"PATCH_PROMPT", "MOVE_LABEL", "CREATE_VERSION", "ADD_CASE",
        "DELETE_CASE"})
    void aChangeThatAnotherWriterCameBeforeIsAConflictAndWritesNothing(Route route) {
        // given a prompt, and another writer that changes its head before this change is written
        String id = prompts.create(Prompts.uniqueId("concurrent"), null);
        JsonNode change = requests.served(route, id, null);
        String revision = table.head(id).get("revision").n();
        int writes = DynamoCallCounter.writes();
        DynamoFaultInjector.failConditions(1);

        // when the change is sent
        JsonNode refused = requests.functionOf(route).apply(change.deepCopy());

        // then it is refused as a concurrent change, at once: the head holds no history to migrate, so the failed
        // condition is not sent again
        assertConcurrentChange(refused);
        assertThat(DynamoFaultInjector.cancelledTransactions()).isEqualTo(1);
        assertThat(DynamoCallCounter.writes()).as("DynamoDB writes").isEqualTo(writes);
        assertThat(table.head(id).get("revision").n()).as("the head's revision").isEqualTo(revision);

        // and read again and retried, it is served
        JsonNode retried = requests.functionOf(route).apply(change.deepCopy());
        assertThat(status(retried)).as("%s", retried).isBetween(200, 201);
    }

    @ParameterizedTest
    @EnumSource(value = Route.class, names = {"PATCH_PROMPT", "MOVE_LABEL"})
    void aHeadWithItsHistoryInsideIsMigratedOnTheFirstFailedConditionAndASecondIsAConflict(Route route) {
        // given a head the release before appended its history to, and a writer that also comes first after the
        // migration this change's first failed condition leads to
        String id = prompts.create(Prompts.uniqueId("concurrent-legacy"), null);
        table.appendAsThePreviousReleaseDid(id, "moved by the release before");
        String revision = table.head(id).get("revision").n();
        DynamoFaultInjector.failConditions(2);

        // when the change is sent
        JsonNode refused = requests.functionOf(route).apply(requests.served(route, id, null));

        // then the history was migrated and the transaction sent again, which was a concurrent change
        assertConcurrentChange(refused);
        assertThat(DynamoFaultInjector.cancelledTransactions()).isEqualTo(2);
        assertThat(table.head(id).get("history").l()).as("the history moved out of the head").isEmpty();
        assertThat(table.items(id, "H#")).as("the creation and the migrated move").hasSize(2);
        assertThat(table.head(id).get("revision").n()).as("the head's revision").isEqualTo(revision);
    }

    private static void assertConcurrentChange(JsonNode reply) {
        assertThat(status(reply)).as("%s", reply).isEqualTo(409);
        assertThat(reply.get("headers").get("content-type").asText()).isEqualTo(Problems.CONTENT_TYPE);
        JsonNode problem = body(reply);
        assertThat(problem.get("type").asText()).isEqualTo(Problems.TYPE_PREFIX + "concurrent-change");
        assertThat(problem.get("detail").asText()).contains("read it again");
    }
}
