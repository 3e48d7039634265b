package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.api.Limits;
import dev.promptloop.api.Problems;
import dev.promptloop.support.DynamoCallCounter;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import dev.promptloop.support.RouteRequests;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;

import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every route answers before its work begins, whatever the route: a body over the size limit, a body that is
 * not JSON, an event that reached a function that does not serve the route, and a prompt or render that does not
 * exist. Otherwise the prompt and the render the requests name exist, so each answer is about the body or the
 * function, not about a missing prompt.
 */
@QuarkusTest
@PromptloopTest
class EveryRouteTest {

    @Inject
    Prompts steps;
    @Inject
    RouteRequests requests;
    @InjectWireMock
    WireMockServer model;

    String promptId;
    String renderId;

    @BeforeEach
    void givenAPromptAndARenderOfIt() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        promptId = steps.create(Prompts.uniqueId("every-route"), null);
        renderId = steps.renderRow(promptId).get("renderId").asText();
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void aBodyOverTheSizeLimitIsTooLargeAndWritesNothing(Route route) {
        // given a JSON object one byte over the limit
        String padding = "x".repeat(Limits.MAX_BODY_BYTES - "{\"padding\":\"\"}".length() + 1);
        String body = "{\"padding\":\"" + padding + "\"}";
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(Limits.MAX_BODY_BYTES + 1);

        // when it is sent to the route's own function
        JsonNode problem = problemWithoutWrites(requests.functionOf(route),
                requests.withBody(route, promptId, renderId, body), 413, "body-too-large");

        // then the problem names the limit
        assertThat(problem.get("detail").asText()).contains(String.valueOf(Limits.MAX_BODY_BYTES));
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void aBodyAtTheSizeLimitIsNotTooLarge(Route route) {
        // given a body of exactly the limit that is not a JSON object
        String body = "x".repeat(Limits.MAX_BODY_BYTES);

        // when it is sent to the route's own function
        JsonNode reply = requests.functionOf(route).apply(requests.withBody(route, promptId, renderId, body));

        // then it is read, and refused for what it says, not for its size
        assertThat(status(reply)).as("%s", reply).isEqualTo(400);
        assertThat(body(reply).get("type").asText()).isEqualTo(Problems.TYPE_PREFIX + "invalid-json");
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void aBodyThatIsNotJsonIsABadRequestAndWritesNothing(Route route) {
        // given a body cut off in the middle of an object
        String body = "{\"version\": 1, \"thumb\": \"up";

        // when it is sent to the route's own function
        JsonNode problem = problemWithoutWrites(requests.functionOf(route),
                requests.withBody(route, promptId, renderId, body), 400, "invalid-json");

        // then the problem says why
        assertThat(problem.get("detail").asText()).startsWith("the body is not valid JSON");
    }

    @ParameterizedTest
    @EnumSource(Route.class)
    void anEventForAnotherFunctionIsNoRouteThereAndWritesNothing(Route route) {
        // given a request the route's own function serves
        JsonNode served = requests.served(route, promptId, renderId);

        // when it reaches each function that does not serve the route, then each says so and writes nothing
        for (Function<JsonNode, JsonNode> other : requests.functionsOtherThan(route)) {
            JsonNode problem = problemWithoutWrites(other, served.deepCopy(), 404, "no-route");
            assertThat(problem.get("detail").asText()).contains(route.routeKey()).contains(route.handler());
        }

        // and the route's own function serves the same event
        JsonNode reply = requests.functionOf(route).apply(served.deepCopy());
        assertThat(status(reply)).as("%s", reply).isBetween(200, 201);
    }

    @ParameterizedTest
    @EnumSource(value = Route.class, names = {"CREATE_PROMPT", "LIST_PROMPTS"}, mode = EnumSource.Mode.EXCLUDE)
    void aRequestOnAnUnknownPromptOrRenderIsNotFoundAndWritesNothing(Route route) {
        // given a request the route serves, naming a prompt and a render that do not exist
        JsonNode request = requests.served(route, Prompts.uniqueId("no-such-prompt"), "no-such-render");

        // when it is sent to the route's own function, then it is not found, and nothing was written
        problemWithoutWrites(requests.functionOf(route), request, 404,
                route == Route.FEEDBACK ? "render-not-found" : "prompt-not-found");
    }

    /** Sends the event and checks its problem reply, and that DynamoDB carried out no write meanwhile. */
    private static JsonNode problemWithoutWrites(Function<JsonNode, JsonNode> function, JsonNode event, int status,
            String type) {
        int before = DynamoCallCounter.writes();
        JsonNode reply = function.apply(event);
        int after = DynamoCallCounter.writes();

        assertThat(status(reply)).as("%s", reply).isEqualTo(status);
        assertThat(reply.get("headers").get("content-type").asText()).isEqualTo(Problems.CONTENT_TYPE);
        JsonNode problem = body(reply);
        assertThat(problem.get("type").asText()).isEqualTo(Problems.TYPE_PREFIX + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(after).as("DynamoDB writes").isEqualTo(before);
        return problem;
    }
}
