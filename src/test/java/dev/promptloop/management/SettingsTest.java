package dev.promptloop.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.PromptsHandler;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.support.DynamoCallCounter;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.ManagementApi;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is not part of a version is the owner's to change: refinement settings, description, tags and archived, as a
 * JSON merge patch; every change can be made conditional on the revision its author saw (ETag and If-Match).
 */
@QuarkusTest
@PromptloopTest
class SettingsTest {

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
    void aMergePatchChangesWhatItNamesKeepsTheRestAndSaysWhatChanged() {
        // given a prompt with a custom threshold
        String id = prompts.create(Prompts.uniqueId("settings"), "{\"threshold\": 4, \"promotion\": \"manual\"}");

        // when its owner patches the evaluation's cases, a description and tags, then takes the threshold back
        JsonNode patched = patch(id, """
                {"description": "Product copy for the shop", "tags": ["shop", "en"],
                 "refinement": {"evaluation": {"maxCases": 4}}}""", Map.of());
        JsonNode reset = patch(id, "{\"refinement\": {\"threshold\": null}, \"description\": null}", Map.of());

        // then each patch changed only what it named
        assertThat(status(patched)).isEqualTo(200);
        JsonNode first = body(patched);
        assertThat(first.get("description").asText()).isEqualTo("Product copy for the shop");
        assertThat(first.get("tags")).extracting(JsonNode::asText).containsExactly("shop", "en");
        assertThat(first.get("refinement").get("threshold").asInt()).isEqualTo(4);
        assertThat(first.get("refinement").get("promotion").asText()).isEqualTo("manual");
        assertThat(first.get("refinement").get("evaluation").get("maxCases").asInt()).isEqualTo(4);
        assertThat(first.get("refinement").get("evaluation").get("minWinMargin").asDouble()).isEqualTo(0.1);
        JsonNode second = body(reset);
        assertThat(second.get("refinement").get("threshold").asInt()).as("null is the default again").isEqualTo(3);
        assertThat(second.has("description")).isFalse();
        assertThat(second.get("tags")).hasSize(2);
        assertThat(reset.get("headers").get("ETag").asText()).isEqualTo("\"2\"");
        var history = body(api.get(Route.LIST_HISTORY, Map.of("id", id), "kind=settings-changed")).get("history");
        assertThat(history).extracting(e -> e.get("reason").asText())
                .containsExactly("changed: refinement, description", "changed: refinement, description, tags");
        assertThat(history.get(0).get("actor").asText()).isEqualTo(ManagementApi.OWNER);
    }

    @Test
    void ifMatchMakesPatchesAndLabelMovesConditionalOnTheRevisionTheirAuthorSaw() {
        String id = prompts.create(Prompts.uniqueId("if-match"), null);
        String seen = api.get(Route.GET_PROMPT, Map.of("id", id), "").get("headers").get("ETag").asText();
        assertThat(status(patch(id, "{\"tags\": [\"a\"]}", Map.of("If-Match", seen)))).isEqualTo(200);
        int writes = DynamoCallCounter.writes();

        // a second author who saw the same revision is refused, for a patch and for a label move
        JsonNode stalePatch = patch(id, "{\"tags\": [\"b\"]}", Map.of("If-Match", seen));
        JsonNode staleMove = api.send(Route.MOVE_LABEL, Map.of("id", id, "label", "staging"), "{\"version\": 1}",
                Map.of("if-match", seen));

        assertThat(status(stalePatch)).isEqualTo(412);
        assertThat(body(stalePatch).get("type").asText()).endsWith("revision-mismatch");
        assertThat(status(staleMove)).isEqualTo(412);
        assertThat(DynamoCallCounter.writes()).as("nothing written").isEqualTo(writes);
        assertThat(status(patch(id, "{\"tags\": [\"b\"]}", Map.of("If-Match", "W/\"1\"")))).as("never matches")
                .isEqualTo(400);
        assertThat(status(patch(id, "{\"tags\": [\"b\"]}", Map.of("If-Match", "\"1\"")))).isEqualTo(200);
        assertThat(status(patch(id, "{\"tags\": [\"c\"]}", Map.of("If-Match", "*")))).isEqualTo(200);
        assertThat(status(patch(id, "{\"tags\": [\"d\"]}", Map.of("If-Match", "soon")))).isEqualTo(400);
        assertThat(body(api.get(Route.GET_PROMPT, Map.of("id", id), "")).get("tags"))
                .extracting(JsonNode::asText).containsExactly("c");
    }

    @Test
    void anArchivedPromptAnswersRendersWith410AndIsNotRefinedUntilItIsBroughtBack() {
        // given a prompt with a pending critique that would refine it
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        OpenAiStubs.optimizerAnswers(model,
                "{\"rules\": [{\"rule\": \"Always state the price exactly as given.\", \"critiques\": [\"c1\"]}]}");
        String id = prompts.create(Prompts.uniqueId("archived"), "{\"threshold\": 1, \"promotion\": \"auto\"}");
        prompts.critiques(id, 1);

        // when it is archived
        assertThat(status(patch(id, "{\"archived\": true}", Map.of()))).isEqualTo(200);
        JsonNode render = prompts.renderResponse(id, Prompts.ROW);
        JsonNode refined = prompts.refine(refine, id);

        // then it neither renders nor learns, and says why
        assertThat(status(render)).isEqualTo(410);
        assertThat(body(render).get("type").asText()).endsWith("prompt-archived");
        assertThat(refined.get("status").asText()).isEqualTo("archived");
        assertThat(prompts.versions(id).get("versions")).hasSize(1);

        // and brought back, it does both again
        assertThat(status(patch(id, "{\"archived\": false}", Map.of()))).isEqualTo(200);
        assertThat(status(prompts.renderResponse(id, Prompts.ROW))).isEqualTo(200);
        assertThat(prompts.refine(refine, id).get("status").asText()).isEqualTo("refined");
        assertThat(HistoryTest.kindsAndActors(prompts.history(id))).startsWith("refined refine",
                "unarchived " + ManagementApi.OWNER, "archived " + ManagementApi.OWNER);
    }

    @Test
    void aPromptArchivedWhileARefinementRunsGetsNoNewVersionAndKeepsItsFeedback() throws Exception {
        // given a refinement held open by a slow optimizer
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        OpenAiStubs.optimizerAnswersSlowly(model,
                "{\"rules\": [{\"rule\": \"Always state the price exactly as given.\", \"critiques\": [\"c1\"]}]}",
                1_500);
        String id = prompts.create(Prompts.uniqueId("archived-late"), "{\"threshold\": 1, \"promotion\": \"auto\"}");
        prompts.critiques(id, 1);
        var refinement = CompletableFuture.supplyAsync(() -> prompts.refine(refine, id));
        Thread.sleep(600);

        // when the owner archives the prompt meanwhile
        assertThat(status(patch(id, "{\"archived\": true}", Map.of()))).isEqualTo(200);

        // then the refinement publishes nothing, and its critique still waits
        assertThat(refinement.get().get("status").asText()).isEqualTo("superseded");
        assertThat(prompts.versions(id).get("versions")).hasSize(1);
        assertThat(body(api.get(Route.LIST_FEEDBACK, Map.of("id", id), "status=pending")).get("feedback"))
                .hasSize(1);
    }

    @Test
    void aBadPatchIsRefusedAndWritesNothing() {
        String id = prompts.create(Prompts.uniqueId("bad-patch"), null);
        int writes = DynamoCallCounter.writes();

        assertThat(status(patch(id, "{\"descripton\": \"typo\"}", Map.of()))).isEqualTo(400);
        assertThat(status(patch(id, "{\"archived\": \"yes\"}", Map.of()))).isEqualTo(400);
        assertThat(status(patch(id, "{\"tags\": [\"Not A Slug\"]}", Map.of()))).isEqualTo(422);
        assertThat(status(patch(id, "{\"description\": \"" + "x".repeat(501) + "\"}", Map.of()))).isEqualTo(422);
        assertThat(status(patch(id, "{\"refinement\": {\"threshold\": 0}}", Map.of()))).isEqualTo(422);
        assertThat(status(patch(id, "{\"refinement\": {\"thresold\": 2}}", Map.of()))).isEqualTo(400);
        assertThat(status(patch("nobody-" + id, "{\"tags\": []}", Map.of()))).isEqualTo(404);
        assertThat(DynamoCallCounter.writes()).isEqualTo(writes);
    }

    @Test
    void aPromptIsCreatedWithItsDescriptionAndTagsAndPatchedByDirectCommand() {
        String id = prompts.create(Prompts.uniqueId("described"), null,
                "{\"description\": \"Newsletter intro\", \"tags\": [\"mail\"]}");

        JsonNode patched = promptsHandler.handleRequest(JSON.createObjectNode().put("action", "patch")
                .put("promptId", id).put("ifMatch", "\"0\"").set("tags", JSON.createArrayNode().add("mail")
                        .add("weekly")), null);

        assertThat(patched.get("description").asText()).isEqualTo("Newsletter intro");
        assertThat(patched.get("tags")).extracting(JsonNode::asText).containsExactly("mail", "weekly");
        assertThat(patched.get("revision").asLong()).isEqualTo(1);
    }

    private JsonNode patch(String id, String body, Map<String, String> headers) {
        return api.send(Route.PATCH_PROMPT, Map.of("id", id), body, headers);
    }
}
