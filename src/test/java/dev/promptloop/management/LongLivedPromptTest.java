package dev.promptloop.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.store.DynamoPromptStore;
import dev.promptloop.store.PlantedItems;
import dev.promptloop.store.TableNames;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.ManagementApi;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.OwnTables;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import dev.promptloop.support.PromptsTable;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prompt that lives for years: thousands of history events leave its head as small as on its first day (an
 * embedded history reached DynamoDB's 400 KB item limit after about two thousand events), and every write path
 * still works. Its own tables keep the long partition away from the other tests' transactions, which moto pays for
 * by copying every table they touch.
 */
@QuarkusTest
@PromptloopTest
@TestProfile(OwnTables.class)
class LongLivedPromptTest {

    static final int WRITTEN_EVENTS = 100;
    static final int PLANTED_EVENTS = 4_900;
    static final int HEAD_BUDGET_BYTES = 8 * 1024;

    @Inject
    Prompts prompts;
    @Inject
    ManagementApi api;
    @Inject
    PromptsTable table;
    @Inject
    DynamoPromptStore store;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    TableNames tables;
    @Inject
    RefineHandler refine;
    @InjectWireMock
    WireMockServer model;

    @Test
    void fiveThousandEventsLaterTheHeadStaysSmallAndLabelsRendersAndRefinementsWork() {
        // given a prompt with 100 label moves through the store's transactions, whose head does not grow with them...
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Some copy.");
        OpenAiStubs.optimizerAnswers(model,
                "{\"rules\": [{\"rule\": \"Always state the price exactly as given.\", \"critiques\": [\"c1\"]}]}");
        String id = prompts.create(Prompts.uniqueId("long-lived"), "{\"threshold\": 1, \"promotion\": \"auto\"}");
        var head = store.head(id).orElseThrow();
        Instant created = head.createdAt();
        head = store.update(head, HeadUpdate.move(move(0, created)));
        int oneEventLater = PromptsTable.size(table.head(id));
        for (int i = 1; i < WRITTEN_EVENTS; i++) {
            head = store.update(head, HeadUpdate.move(move(i, created)));
        }
        int hundredEventsLater = PromptsTable.size(table.head(id));
        // ...and 4,900 more events as those transactions leave them
        List<HistoryEntry> planted = new ArrayList<>();
        for (int i = WRITTEN_EVENTS; i < WRITTEN_EVENTS + PLANTED_EVENTS; i++) {
            planted.add(move(i, created));
        }
        PlantedItems.history(dynamo, tables.prompts(), id, planted);

        // when a person moves a label, a user renders and critiques, the refinement runs, and a person rolls back
        assertThat(status(api.moveLabel(id, "candidate", 1, ManagementApi.OWNER))).isEqualTo(200);
        prompts.critiques(id, 1);
        var refined = prompts.refine(refine, id);
        var rolledBack = api.moveLabel(id, "production", 1, ManagementApi.OWNER);

        // then each worked, the head stayed under 8 KB, and the whole history pages back, nothing lost
        assertThat(hundredEventsLater - oneEventLater).as("bytes the head grew by over 99 events (revision digits)")
                .isLessThanOrEqualTo(2);
        assertThat(refined.get("status").asText()).as("refinement: %s", refined).isEqualTo("refined");
        assertThat(status(rolledBack)).isEqualTo(200);
        assertThat(prompts.renderRow(id).get("version").asInt()).isEqualTo(1);
        assertThat(PromptsTable.size(table.head(id))).as("head item bytes").isLessThan(HEAD_BUDGET_BYTES);
        var kinds = historyKinds(id);
        assertThat(kinds).hasSize(1 + WRITTEN_EVENTS + PLANTED_EVENTS + 3);
        assertThat(kinds.subList(0, 3)).containsExactly("rolled-back", "refined", "label-moved");
        assertThat(kinds.get(kinds.size() - 1)).isEqualTo("created");
    }

    private List<String> historyKinds(String id) {
        List<String> kinds = new ArrayList<>();
        String query = "limit=100";
        for (int page = 0; page < 60; page++) {
            JsonNode body = body(api.get(Route.LIST_HISTORY, Map.of("id", id), query));
            body.get("history").forEach(e -> kinds.add(e.get("kind").asText()));
            if (!body.has("next")) {
                break;
            }
            query = "limit=100&cursor=" + URLEncoder.encode(body.get("next").asText(), StandardCharsets.UTF_8);
        }
        return kinds;
    }

    /** The i-th move, i microseconds after the prompt was created (before the changes the test then makes). */
    private static HistoryEntry move(int i, Instant created) {
        return new HistoryEntry(HistoryKind.LABEL_MOVED, "staging", 1, 1, "move " + i, ManagementApi.OWNER,
                created.plusNanos(1_000L * (i + 1)));
    }
}
