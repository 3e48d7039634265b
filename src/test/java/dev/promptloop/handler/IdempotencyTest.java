package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.support.ApiGatewayEvents;
import dev.promptloop.support.DynamoCallCounter;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency-Key on the POST routes that write (a request while the first runs: RequestInProgressTest). */
@QuarkusTest
@PromptloopTest
class IdempotencyTest {

    @Inject
    Prompts prompts;
    @Inject
    RenderHandler render;
    @Inject
    FeedbackHandler feedback;
    @Inject
    PromptsHandler promptsHandler;
    @InjectWireMock
    WireMockServer model;

    String promptId;

    @BeforeEach
    void givenAPrompt() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        promptId = prompts.create(Prompts.uniqueId("idem"), null);
    }

    @Test
    void theSameKeyAndBodyReturnsTheFirstResponseAndWritesNothingNew() {
        String renderId = prompts.renderRow(promptId).get("renderId").asText();
        ObjectNode first = withKey(v2(Route.FEEDBACK, Map.of("renderId", renderId), "{\"thumb\": \"down\"}"), "k-1");

        JsonNode original = feedback.handleRequest(first, null);
        int writesAfterFirst = DynamoCallCounter.writes();
        JsonNode replay = feedback.handleRequest(first.deepCopy(), null);

        assertThat(status(original)).isEqualTo(201);
        assertThat(status(replay)).isEqualTo(201);
        assertThat(body(replay)).isEqualTo(body(original));
        assertThat(replay.get("headers").get("Idempotent-Replayed").asText()).isEqualTo("true");
        assertThat(DynamoCallCounter.writes()).as("no write on replay").isEqualTo(writesAfterFirst);
    }

    @Test
    void theSameKeyWithAnotherBodyIsUnprocessable() {
        ObjectNode first = withKey(renderEvent("Aurora Lamp"), "k-2");
        ObjectNode other = withKey(renderEvent("Borealis Lamp"), "k-2");
        assertThat(status(render.handleRequest(first, null))).isEqualTo(200);
        int writes = DynamoCallCounter.writes();

        JsonNode response = render.handleRequest(other, null);

        assertThat(status(response)).isEqualTo(422);
        assertThat(body(response).get("type").asText()).endsWith(":idempotency-key-reused");
        assertThat(DynamoCallCounter.writes()).isEqualTo(writes);
    }

    @Test
    void aServerErrorFreesTheKeySoTheRetryRuns() {
        model.resetAll();
        OpenAiStubs.modelFails(model, 500);
        ObjectNode event = withKey(renderEvent("Aurora Lamp"), "k-4");
        assertThat(status(render.handleRequest(event.deepCopy(), null))).isEqualTo(503);

        model.resetAll();
        OpenAiStubs.renderAnswers(model, "recovered");
        JsonNode retry = render.handleRequest(event.deepCopy(), null);

        assertThat(status(retry)).isEqualTo(200);
        assertThat(body(retry).get("output").asText()).isEqualTo("recovered");
    }

    @Test
    void anInvalidKeyIsABadRequest() {
        JsonNode response = render.handleRequest(withKey(renderEvent("Aurora Lamp"), "has space"), null);

        assertThat(status(response)).isEqualTo(400);
        assertThat(body(response).get("type").asText()).endsWith(":invalid-idempotency-key");
    }

    @Test
    void createPromptWithTheSameKeyIsNotAConflictTheSecondTime() {
        String body = "{\"id\": \"" + Prompts.uniqueId("idem-create") + "\", \"template\": {\"user\": \"Hi\"}}";
        ObjectNode event = withKey(v2(Route.CREATE_PROMPT, Map.of(), body), "k-5");

        JsonNode first = promptsHandler.handleRequest(event.deepCopy(), null);
        JsonNode second = promptsHandler.handleRequest(event.deepCopy(), null);

        assertThat(status(first)).isEqualTo(201);
        assertThat(status(second)).isEqualTo(201);
        assertThat(body(second)).isEqualTo(body(first));
    }

    private ObjectNode renderEvent(String name) {
        return ApiGatewayEvents.render(promptId, Prompts.row(name));
    }

    private static ObjectNode withKey(ObjectNode event, String key) {
        return ApiGatewayEvents.withIdempotencyKey(event, key);
    }
}
