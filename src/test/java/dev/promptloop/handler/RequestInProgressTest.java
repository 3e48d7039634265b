package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.support.ApiGatewayEvents;
import dev.promptloop.support.DynamoFaultInjector;
import dev.promptloop.support.FeedbackTable;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import dev.promptloop.support.RemainingTimeContext;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An Idempotency-Key is claimed while its first request runs: the same request meanwhile is 409 request-in-progress
 * (render and feedback alike) and the first's reply is kept for replays, for as long as that invocation may run.
 */
@QuarkusTest
@PromptloopTest
class RequestInProgressTest {

    @Inject
    Prompts prompts;
    @Inject
    RenderHandler render;
    @Inject
    FeedbackHandler feedback;
    @Inject
    FeedbackTable feedbackTable;
    @InjectWireMock
    WireMockServer model;

    String promptId;

    @BeforeEach
    void givenAPrompt() {
        DynamoFaultInjector.reset();
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        promptId = prompts.create(Prompts.uniqueId("in-progress"), null);
    }

    @AfterEach
    void noTableHeldUp() {
        DynamoFaultInjector.reset();
    }

    @Test
    void whileTheFirstRenderRunsTheSecondIsAConflict() throws Exception {
        // given a render held up by a slow model
        model.resetAll();
        OpenAiStubs.renderAnswersSlowly(model, "slow copy", 1500);
        ObjectNode event = withKey(renderEvent("Aurora Lamp"), "k-3");

        // when the same request comes while it runs, then it is a conflict, and the first's reply is kept
        sameRequestWhileTheFirstRuns(event, e -> render.handleRequest(e, null), () -> Thread.sleep(500), () -> { });
    }

    @Test
    void whileTheFirstFeedbackRunsTheSecondIsAConflict() throws Exception {
        // given feedback whose write DynamoDB holds up
        String renderId = prompts.renderRow(promptId).get("renderId").asText();
        ObjectNode event = withKey(v2(Route.FEEDBACK, Map.of("renderId", renderId), "{\"thumb\": \"down\"}"), "k-7");
        DynamoFaultInjector.hold("TransactWriteItems");

        // when the same request comes while it runs, then it is a conflict, and the first's reply is kept
        sameRequestWhileTheFirstRuns(event, e -> feedback.handleRequest(e, null),
                () -> assertThat(DynamoFaultInjector.awaitHeld(Duration.ofSeconds(10))).isTrue(),
                DynamoFaultInjector::release);
        assertThat(feedbackTable.itemsOf(promptId)).as("the first request's feedback, once").hasSize(1);
    }

    @Test
    void aClaimHoldsOnlyAsLongAsItsInvocationMayStillRun() throws Exception {
        // given a first request whose invocation has one second left, held up by a slow model
        model.resetAll();
        OpenAiStubs.renderAnswersSlowly(model, "slow copy", 3000);
        ObjectNode event = withKey(renderEvent("Aurora Lamp"), "k-6");
        var pool = Executors.newSingleThreadExecutor();
        try {
            var start = new CountDownLatch(1);
            Future<JsonNode> first = pool.submit(() -> {
                start.countDown();
                return render.handleRequest(event.deepCopy(), new RemainingTimeContext(1000));
            });
            start.await();

            // when the same request comes again after that invocation's time is up
            Thread.sleep(2200);
            JsonNode second = render.handleRequest(event.deepCopy(), null);

            // then it runs: a function past its time cannot still be running the first one
            assertThat(status(second)).isEqualTo(200);
            assertThat(second.get("headers").has("Idempotent-Replayed")).isFalse();
            assertThat(status(first.get())).isEqualTo(200);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Sends the event on another thread and, once {@code running} returns, the same event again, which must be refused
     * as in progress; once {@code finish} lets the first end, the first was served and the event sent a third time
     * replays the first's reply.
     */
    private static void sameRequestWhileTheFirstRuns(ObjectNode event, Function<JsonNode, JsonNode> function,
            Step running, Runnable finish) throws Exception {
        var pool = Executors.newSingleThreadExecutor();
        try {
            Future<JsonNode> first = pool.submit(() -> function.apply(event.deepCopy()));
            running.run();
            JsonNode second = function.apply(event.deepCopy());
            finish.run();

            assertThat(status(second)).as("%s", second).isEqualTo(409);
            assertThat(body(second).get("type").asText()).endsWith(":request-in-progress");
            assertThat(status(first.get())).isBetween(200, 201);
            JsonNode replay = function.apply(event.deepCopy());
            assertThat(replay.get("headers").get("Idempotent-Replayed").asText()).isEqualTo("true");
            assertThat(body(replay)).isEqualTo(body(first.get()));
        } finally {
            pool.shutdownNow();
        }
    }

    interface Step {
        void run() throws Exception;
    }

    private ObjectNode renderEvent(String name) {
        return ApiGatewayEvents.render(promptId, Prompts.row(name));
    }

    private static ObjectNode withKey(ObjectNode event, String key) {
        return ApiGatewayEvents.withIdempotencyKey(event, key);
    }
}
