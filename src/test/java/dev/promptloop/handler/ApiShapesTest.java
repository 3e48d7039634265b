package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static dev.promptloop.support.ApiGatewayEvents.v1;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static org.assertj.core.api.Assertions.assertThat;

/** The three ways to call an API handler (HTTP API 2.0, REST API 1.0, direct JSON) answer the same body. */
@QuarkusTest
@PromptloopTest
class ApiShapesTest {

    @Inject
    PromptsHandler prompts;
    @Inject
    RenderHandler render;
    @Inject
    Prompts steps;
    @InjectWireMock
    WireMockServer model;

    String promptId;

    @BeforeEach
    void givenAPrompt() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Aurora Lamp at $49.99");
        promptId = steps.create(Prompts.uniqueId("shapes"), null);
    }

    @Test
    void renderAnswersTheSameBodyToV2V1AndDirectInvocations() {
        String body = "{\"variables\": " + variables() + "}";

        JsonNode fromV2 = render.handleRequest(v2(Route.RENDER, Map.of("id", promptId), body), null);
        JsonNode fromV1 = render.handleRequest(v1(Route.RENDER, Map.of("id", promptId), body), null);
        ObjectNode command = JSON.createObjectNode().put("promptId", promptId);
        command.set("variables", variables());
        JsonNode direct = render.handleRequest(command, null);

        assertThat(status(fromV2)).isEqualTo(200);
        assertThat(status(fromV1)).isEqualTo(200);
        assertThat(withoutRenderId(body(fromV2))).isEqualTo(withoutRenderId(body(fromV1)))
                .isEqualTo(withoutRenderId(direct));
        assertThat(direct.get("output").asText()).isEqualTo("Aurora Lamp at $49.99");
        assertThat(direct.get("model").asText()).isEqualTo("gpt-test");
        assertThat(direct.get("usage").get("totalTokens").asInt()).isEqualTo(18);
    }

    @Test
    void renderWithoutExecutionReturnsMessagesAndCallsNoModel() {
        ObjectNode command = JSON.createObjectNode().put("promptId", promptId).put("execute", false);
        command.set("variables", variables());

        JsonNode reply = render.handleRequest(command, null);

        assertThat(reply.has("output")).isFalse();
        assertThat(reply.get("messages").get(1).get("content").asText()).contains("Aurora Lamp", "$49.99");
        assertThat(model.getAllServeEvents()).isEmpty();
    }

    @Test
    void promptsHandlerTakesDirectCommandsForEveryAction() {
        JsonNode got = prompts.handleRequest(JSON.createObjectNode().put("action", "get").put("promptId", promptId), null);
        JsonNode moved = prompts.handleRequest(JSON.createObjectNode().put("action", "move-label")
                .put("promptId", promptId).put("label", "stable").put("version", 1), null);
        JsonNode versions = prompts.handleRequest(
                JSON.createObjectNode().put("action", "versions").put("promptId", promptId), null);

        assertThat(got.get("version").asInt()).isEqualTo(1);
        assertThat(moved.get("labels")).extracting(JsonNode::asText).containsExactly("production", "stable");
        assertThat(versions.get("labels").get("stable").asInt()).isEqualTo(1);
    }

    @Test
    void restApiPathsWithAStagePrefixStillResolveByResource() {
        ObjectNode event = v1(Route.GET_PROMPT, Map.of("id", promptId), null);
        event.put("path", "/prod/prompts/" + promptId);

        JsonNode response = prompts.handleRequest(event, null);

        assertThat(status(response)).isEqualTo(200);
        assertThat(body(response).get("id").asText()).isEqualTo(promptId);
    }

    private static ObjectNode variables() {
        ObjectNode vars = JSON.createObjectNode();
        Prompts.ROW.forEach(vars::put);
        return vars;
    }

    private static JsonNode withoutRenderId(JsonNode body) {
        ObjectNode copy = body.deepCopy();
        copy.remove("renderId");
        return copy;
    }
}
