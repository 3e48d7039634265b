package dev.promptloop.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.PromptsHandler;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.ManagementApi;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/** Critiques can be read back: what waits, what was learned from and by which version, what only counts. */
@QuarkusTest
@PromptloopTest
class FeedbackReviewTest {

    @Inject
    Prompts prompts;
    @Inject
    ManagementApi api;
    @Inject
    PromptsHandler promptsHandler;
    @Inject
    RefineHandler refine;
    @InjectWireMock
    WireMockServer model;

    @Test
    void critiquesWhoseRefinementsTheGateRejectedThreeTimesAreListedAsUnresolvedWithWhatTheyWereTriedIn() {
        // given a judge that never prefers the candidate, and three critiques refined three times
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        OpenAiStubs.judgeAnswers(model, "{\"winner\": \"tie\"}");
        OpenAiStubs.optimizerAnswersANewRuleEachTime(model);
        String id = prompts.create(Prompts.uniqueId("unresolved"), null);
        List<String> critiques = prompts.critiques(id, 3);
        for (int round = 0; round < 3; round++) {
            assertThat(prompts.refine(refine, id).get("status").asText()).isEqualTo("rejected");
        }

        // when the unresolved feedback is listed
        JsonNode unresolved = feedback(id, "status=unresolved");

        // then the three critiques are there, parked after version 4, each tried in versions 2, 3 and 4
        assertThat(ids(unresolved)).containsExactlyInAnyOrderElementsOf(critiques);
        assertThat(unresolved.get("feedback")).allSatisfy(f -> {
            assertThat(f.get("status").asText()).isEqualTo("unresolved");
            assertThat(f.get("unresolvedBy").asInt()).isEqualTo(4);
            assertThat(f.get("triedBy")).extracting(JsonNode::asInt).containsExactly(2, 3, 4);
        });
        assertThat(ids(feedback(id, "status=pending"))).isEmpty();
    }

    @Test
    void feedbackReadsBackByStatusAndVersionNewestFirstWithTheVersionThatConsumedIt() {
        // given two critiques version 2 learned from, a thumb up on version 1, and a critique waiting on version 2
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        OpenAiStubs.optimizerAnswers(model,
                "{\"rules\": [{\"rule\": \"Always state the price exactly as given.\", \"critiques\": [\"c1\"]}]}");
        String id = prompts.create(Prompts.uniqueId("review"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        List<String> learned = prompts.critiques(id, 2);
        prompts.thumb(prompts.renderRow(id).get("renderId").asText(), "up");
        assertThat(prompts.refine(refine, id).get("version").asInt()).isEqualTo(2);
        String waiting = prompts.critique(prompts.renderRow(id).get("renderId").asText(), "still no colour");

        // when
        JsonNode all = feedback(id, "");
        JsonNode pending = feedback(id, "status=pending");
        JsonNode consumed = feedback(id, "status=consumed");
        JsonNode ofVersionOne = feedback(id, "version=1");

        // then
        assertThat(ids(all)).hasSize(4).first().isEqualTo(waiting);
        assertThat(ids(pending)).containsExactly(waiting);
        assertThat(pending.get("feedback").get(0).get("critique").asText()).isEqualTo("still no colour");
        assertThat(pending.get("feedback").get(0).get("version").asInt()).isEqualTo(2);
        assertThat(ids(consumed)).containsExactlyInAnyOrderElementsOf(learned);
        assertThat(consumed.get("feedback")).allSatisfy(f -> {
            assertThat(f.get("consumedBy").asInt()).isEqualTo(2);
            assertThat(f.get("status").asText()).isEqualTo("consumed");
            assertThat(f.get("source").asText()).isEqualTo("user");
            assertThat(f.get("thumb").asText()).isEqualTo("down");
        });
        assertThat(ofVersionOne.get("feedback")).hasSize(3)
                .anySatisfy(f -> assertThat(f.get("status").asText()).isEqualTo("recorded"));
    }

    @Test
    void feedbackPagesAndRefusesBadFilters() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        String id = prompts.create(Prompts.uniqueId("review-pages"), "{\"threshold\": 9}");
        List<String> given = prompts.critiques(id, 5);

        List<String> paged = new ArrayList<>();
        JsonNode page = feedback(id, "limit=2");
        paged.addAll(ids(page));
        while (page.has("next")) {
            page = feedback(id, "limit=2&cursor=" + URLEncoder.encode(page.get("next").asText(),
                    StandardCharsets.UTF_8));
            paged.addAll(ids(page));
        }

        assertThat(paged).containsExactlyInAnyOrderElementsOf(given).doesNotHaveDuplicates();
        assertThat(status(api.get(Route.LIST_FEEDBACK, Map.of("id", id), "status=open"))).isEqualTo(400);
        assertThat(status(api.get(Route.LIST_FEEDBACK, Map.of("id", id), "version=0"))).isEqualTo(400);
        assertThat(status(api.get(Route.LIST_FEEDBACK, Map.of("id", "nobody-" + id), ""))).isEqualTo(404);
        assertThat(promptsHandler.handleRequest(JSON.createObjectNode().put("action", "feedback")
                .put("promptId", id).put("status", "pending"), null).get("feedback")).hasSize(5);
    }

    private JsonNode feedback(String id, String query) {
        JsonNode response = api.get(Route.LIST_FEEDBACK, Map.of("id", id), query);
        assertThat(status(response)).as("%s", response).isEqualTo(200);
        return body(response);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("feedback").forEach(f -> ids.add(f.get("feedbackId").asText()));
        return ids;
    }
}
