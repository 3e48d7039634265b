package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.api.Limits;
import dev.promptloop.api.Problems;
import dev.promptloop.support.DynamoCallCounter;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.Supplier;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static org.assertj.core.api.Assertions.assertThat;

/** Every kind of bad request gets its own 4xx problem response and writes nothing. */
@QuarkusTest
@PromptloopTest
class BadInputTest {

    @Inject
    PromptsHandler prompts;
    @Inject
    RenderHandler render;
    @Inject
    FeedbackHandler feedback;
    @InjectWireMock
    WireMockServer model;

    @Inject
    Prompts steps;
    String promptId;
    String renderId;

    @BeforeEach
    void givenAPromptAndARender() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        promptId = steps.create(Prompts.uniqueId("bad"), null);
        renderId = steps.renderRow(promptId).get("renderId").asText();
    }

    @Test
    void malformedJsonIsABadRequest() {
        assertProblem(() -> prompts.handleRequest(v2(Route.CREATE_PROMPT, Map.of(), "{\"id\": \"x\","), null),
                400, "invalid-json");
    }

    @Test
    void aBodyThatIsNotAnObjectIsABadRequest() {
        assertProblem(() -> prompts.handleRequest(v2(Route.CREATE_PROMPT, Map.of(), "[1,2]"), null),
                400, "invalid-body");
    }

    @Test
    void base64BodiesAreDecodedAndInvalidBase64IsABadRequest() {
        String json = "{\"variables\": " + variables().toString() + "}";
        ObjectNode encoded = v2(Route.RENDER, Map.of("id", promptId),
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
        encoded.put("isBase64Encoded", true);
        int before = DynamoCallCounter.writes();
        assertThat(status(render.handleRequest(encoded, null))).isEqualTo(200);
        assertThat(DynamoCallCounter.writes()).as("the write counter sees the render's write").isEqualTo(before + 1);

        ObjectNode broken = v2(Route.RENDER, Map.of("id", promptId), "not base64 at all!");
        broken.put("isBase64Encoded", true);
        assertProblem(() -> render.handleRequest(broken, null), 400, "invalid-body");
    }

    @Test
    void invalidUtf8IsABadRequest() {
        ObjectNode event = v2(Route.RENDER, Map.of("id", promptId),
                Base64.getEncoder().encodeToString(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
        event.put("isBase64Encoded", true);
        assertProblem(() -> render.handleRequest(event, null), 400, "invalid-body");
    }

    @Test
    void missingVariablesAreUnprocessable() {
        ObjectNode vars = variables();
        vars.remove("price");
        JsonNode problem = assertProblem(() -> renderWith(vars), 422, "missing-variables");
        assertThat(problem.get("detail").asText()).contains("price");
    }

    @Test
    void unknownVariablesAreUnprocessable() {
        ObjectNode vars = variables();
        vars.put("discount", "10%");
        JsonNode problem = assertProblem(() -> renderWith(vars), 422, "unknown-variables");
        assertThat(problem.get("detail").asText()).contains("discount");
    }

    @Test
    void variablesOfTheWrongTypeAreABadRequest() {
        ObjectNode vars = variables();
        vars.putArray("price").add(1);
        assertProblem(() -> renderWith(vars), 400, "invalid-field");
    }

    @Test
    void aBadSlugIsABadRequest() {
        String body = "{\"id\": \"Not A Slug!\", \"template\": {\"user\": \"hi\"}}";
        assertProblem(() -> prompts.handleRequest(v2(Route.CREATE_PROMPT, Map.of(), body), null), 400,
                "invalid-prompt-id");
    }

    @Test
    void aTemplateWithABrokenPlaceholderIsUnprocessable() {
        String body = "{\"id\": \"broken-template\", \"template\": {\"user\": \"Hi {{name\"}}";
        assertProblem(() -> prompts.handleRequest(v2(Route.CREATE_PROMPT, Map.of(), body), null), 422,
                "invalid-template");
    }

    @Test
    void anInvalidCheckIsUnprocessable() {
        String body = "{\"id\": \"bad-check\", \"template\": {\"user\": \"Hi {{name}}\"}, "
                + "\"checks\": [{\"type\": \"regex\", \"pattern\": \"(\"}]}";
        assertProblem(() -> prompts.handleRequest(v2(Route.CREATE_PROMPT, Map.of(), body), null), 422,
                "invalid-check");
    }

    @Test
    void aCheckOnAVariableTheTemplateLacksIsUnprocessable() {
        String body = "{\"id\": \"bad-check-var\", \"template\": {\"user\": \"Hi {{name}}\"}, "
                + "\"checks\": [{\"type\": \"contains-variable\", \"variable\": \"price\"}]}";
        assertProblem(() -> prompts.handleRequest(v2(Route.CREATE_PROMPT, Map.of(), body), null), 422,
                "invalid-check");
    }

    @Test
    void anUnknownPromotionPolicyIsUnprocessable() {
        String body = "{\"id\": \"bad-policy\", \"template\": {\"user\": \"Hi\"}, "
                + "\"refinement\": {\"promotion\": \"yolo\"}}";
        assertProblem(() -> prompts.handleRequest(v2(Route.CREATE_PROMPT, Map.of(), body), null), 422,
                "invalid-refinement");
    }

    @Test
    void anUnknownFieldIsABadRequest() {
        String body = "{\"varaibles\": {}}";
        assertProblem(() -> render.handleRequest(v2(Route.RENDER, Map.of("id", promptId), body), null), 400,
                "unknown-field");
    }

    @Test
    void aTakenIdIsAConflict() {
        String body = "{\"id\": \"" + promptId + "\", \"template\": {\"user\": \"other\"}}";
        assertProblem(() -> prompts.handleRequest(v2(Route.CREATE_PROMPT, Map.of(), body), null), 409,
                "prompt-exists");
    }

    @Test
    void anOversizedCritiqueIsTooLargeAndSaysTheLimit() {
        String critique = "x".repeat(Limits.MAX_CRITIQUE_CHARS + 1);
        String body = JSON.createObjectNode().put("critique", critique).toString();
        JsonNode problem = assertProblem(
                () -> feedback.handleRequest(v2(Route.FEEDBACK, Map.of("renderId", renderId), body), null), 413,
                "critique-too-large");
        assertThat(problem.get("detail").asText()).contains(String.valueOf(Limits.MAX_CRITIQUE_CHARS));
    }

    @Test
    void feedbackWithoutRatingThumbOrCritiqueIsUnprocessable() {
        assertProblem(() -> feedback.handleRequest(v2(Route.FEEDBACK, Map.of("renderId", renderId), "{}"), null),
                422, "empty-feedback");
    }

    @Test
    void aRatingOutOfRangeIsUnprocessable() {
        assertProblem(() -> feedback.handleRequest(
                v2(Route.FEEDBACK, Map.of("renderId", renderId), "{\"rating\": 6}"), null), 422, "invalid-rating");
    }

    @Test
    void unknownIdsAreNotFound() {
        assertProblem(() -> feedback.handleRequest(
                v2(Route.FEEDBACK, Map.of("renderId", "no-such-render"), "{\"rating\": 1}"), null), 404,
                "render-not-found");
        assertProblem(() -> render.handleRequest(v2(Route.RENDER, Map.of("id", "no-such-prompt"),
                "{\"variables\": {}}"), null), 404, "prompt-not-found");
        assertProblem(() -> prompts.handleRequest(v2(Route.GET_PROMPT, Map.of("id", "no-such-prompt"), null), null),
                404, "prompt-not-found");
        assertProblem(() -> render.handleRequest(v2(Route.RENDER, Map.of("id", promptId),
                "{\"variables\": " + variables() + ", \"version\": 9}"), null), 404, "version-not-found");
    }

    @Test
    void movingALabelToAVersionThatDoesNotExistIsUnprocessable() {
        assertProblem(() -> prompts.handleRequest(v2(Route.MOVE_LABEL,
                Map.of("id", promptId, "label", "production"), "{\"version\": 7}"), null), 422, "unknown-version");
    }

    @Test
    void aRouteOfAnotherFunctionIsNotFoundHere() {
        assertProblem(() -> render.handleRequest(v2(Route.GET_PROMPT, Map.of("id", promptId), null), null), 404,
                "no-route");
    }

    @Test
    void aDirectCommandThatIsNotAnObjectIsABadRequest() {
        JsonNode problem = render.handleRequest(JSON.getNodeFactory().textNode("render please"), null);
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("type").asText()).endsWith(":invalid-command");
    }

    private JsonNode renderWith(ObjectNode vars) {
        return render.handleRequest(v2(Route.RENDER, Map.of("id", promptId), "{\"variables\": " + vars + "}"), null);
    }

    private static ObjectNode variables() {
        ObjectNode vars = JSON.createObjectNode();
        Prompts.ROW.forEach(vars::put);
        return vars;
    }

    /** Calls the handler and checks the problem response, and that no table gained or lost an item. */
    private JsonNode assertProblem(Supplier<JsonNode> call, int status, String type) {
        int before = DynamoCallCounter.writes();
        JsonNode response = call.get();
        int after = DynamoCallCounter.writes();

        assertThat(status(response)).as("%s", response).isEqualTo(status);
        assertThat(response.get("headers").get("content-type").asText()).isEqualTo("application/problem+json");
        JsonNode problem = body(response);
        assertThat(problem.get("type").asText()).isEqualTo(Problems.TYPE_PREFIX + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(after).as("DynamoDB write calls").isEqualTo(before);
        return problem;
    }
}
