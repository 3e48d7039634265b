package dev.promptloop.management;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.handler.Route;
import dev.promptloop.support.ManagementApi;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import dev.promptloop.support.PromptsTable;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prompt's history lives in items of its own beside the head, one per event, each with the actor that made it; heads
 * written while the history was a list inside them are read, served and migrated by their next write.
 */
@QuarkusTest
@PromptloopTest
class HistoryTest {

    static final String ALICE = "arn:aws:iam::123456789012:user/alice";
    static final String BOB = "arn:aws:iam::123456789012:role/deployer";

    @Inject
    Prompts prompts;
    @Inject
    ManagementApi api;
    @Inject
    PromptsTable table;

    @Test
    void eachChangeIsOneHistoryItemWithItsActorAndTheHeadKeepsNone() {
        // given a prompt whose labels two people moved
        String id = prompts.create(Prompts.uniqueId("history"), null);
        assertThat(status(api.moveLabel(id, "staging", 1, ALICE))).isEqualTo(200);
        assertThat(status(api.moveLabel(id, "staging", 1, BOB))).isEqualTo(200);

        // when
        JsonNode history = body(api.get(Route.LIST_HISTORY, Map.of("id", id), ""));

        // then the events come newest first, each saying who made it
        assertThat(kindsAndActors(history)).containsExactly("label-moved " + BOB, "label-moved " + ALICE,
                "created anonymous");
        assertThat(table.items(id, "H#")).hasSize(3);
        assertThat(table.head(id).get("history").l()).isEmpty();
    }

    @Test
    void aHeadWithItsHistoryInsideIsMigratedByItsNextWriteAndNothingOfItIsLost() {
        // given a head as the code before history items wrote it: six events in a list, with a rollback among them
        String id = legacyPrompt("legacy");
        int legacySize = PromptsTable.size(table.head(id));

        // when the next write comes
        assertThat(status(api.moveLabel(id, "staging", 2, ALICE))).isEqualTo(200);

        // then the list has left the head, each old event is an item, and the history reads as one
        var head = table.head(id);
        assertThat(head.get("history").l()).isEmpty();
        assertThat(PromptsTable.size(head)).isLessThan(legacySize);
        assertThat(table.items(id, "H#")).hasSize(7);
        assertThat(table.items(id, "R#")).as("v2 was rolled back twice; one mark").hasSize(1);
        JsonNode history = body(api.get(Route.LIST_HISTORY, Map.of("id", id), ""));
        assertThat(kindsAndActors(history)).containsExactly("label-moved " + ALICE, "auto-rolled-back unrecorded",
                "label-moved unrecorded", "label-moved unrecorded", "rolled-back unrecorded", "refined unrecorded",
                "created unrecorded");
        assertThat(history.get("history").get(4).get("reason").asText()).isEqualTo("fixture rollback");
        JsonNode v2 = body(api.get(Route.GET_VERSION, Map.of("id", id, "version", "2"), ""));
        assertThat(v2.get("status").asText()).isEqualTo("rolled-back");
        assertThat(v2.get("labels")).extracting(JsonNode::asText).containsExactly("staging");
    }

    @Test
    void aHeadWithItsHistoryInsideIsServedBeforeAnyWrite() {
        String id = legacyPrompt("legacy-read");

        JsonNode history = body(api.get(Route.LIST_HISTORY, Map.of("id", id), "limit=2"));

        assertThat(kindsAndActors(history)).containsExactly("auto-rolled-back unrecorded", "label-moved unrecorded");
        assertThat(history.has("next")).isTrue();
        JsonNode v2 = body(api.get(Route.GET_VERSION, Map.of("id", id, "version", "2"), ""));
        assertThat(v2.get("status").asText()).isEqualTo("rolled-back");
    }

    @Test
    void aMigratedHeadKeepsSayingThatTodaysBudgetStopWasRecorded() {
        // given a head whose history list alone says that its usage day's budget stop was recorded
        String id = Prompts.uniqueId("legacy-budget");
        table.plant("head-budget-copy", id);

        // when its history is read (and so moved out)
        body(api.get(Route.LIST_HISTORY, Map.of("id", id), ""));

        // then the usage says it now
        var usage = table.head(id).get("usage").m();
        assertThat(usage.get("stopRecorded").bool()).isTrue();
        assertThat(table.head(id).get("history").l()).isEmpty();
    }

    @Test
    void whatTheReleaseBeforeAppendsToAMigratedHeadIsMigratedByTheNextWrite() {
        // given a new head, and the previous release appending an event to its (empty) list as that code did
        String id = prompts.create(Prompts.uniqueId("old-writer"), null);
        table.appendAsThePreviousReleaseDid(id, "label moved");

        // when this code writes next
        assertThat(status(api.moveLabel(id, "staging", 1, ALICE))).isEqualTo(200);

        // then the old writer's event is an item like the others, and the list is empty again
        assertThat(kindsAndActors(body(api.get(Route.LIST_HISTORY, Map.of("id", id), ""))))
                .containsExactly("label-moved " + ALICE, "label-moved unrecorded", "created anonymous");
        assertThat(table.head(id).get("history").l()).isEmpty();
    }

    /** A prompt as the code before history items wrote it: its head and both versions, from the stored fixtures. */
    private String legacyPrompt(String prefix) {
        String id = Prompts.uniqueId(prefix);
        table.plant("head-product-copy", id);
        table.plant("version-product-copy-1", id);
        table.plant("version-product-copy-2-refined-evaluated", id);
        return id;
    }

    static List<String> kindsAndActors(JsonNode page) {
        List<String> events = new ArrayList<>();
        page.get("history").forEach(e -> events.add(e.get("kind").asText() + " " + e.get("actor").asText()));
        return events;
    }
}
