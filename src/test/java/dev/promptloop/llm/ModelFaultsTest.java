package dev.promptloop.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failing model: bounded retries on transient errors, none on a refusal, and a circuit breaker. The breaker test
 * runs last because it leaves the breaker open for the rest of this profile's application.
 */
@QuarkusTest
@PromptloopTest
@TestProfile(ModelFaultsTest.WithBreaker.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModelFaultsTest {

    public static class WithBreaker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dev.promptloop.llm.OpenAiChatModel/complete/CircuitBreaker/enabled", "true");
        }
    }

    @Inject
    Prompts prompts;
    @InjectWireMock
    WireMockServer model;

    @Test
    @Order(1)
    void transientFailuresAreRetriedAndARefusalIsNot() {
        String id = prompts.create(Prompts.uniqueId("faults"), null);

        // a 503 then a 429, then an answer: the render succeeds on the third call
        model.resetAll();
        model.stubFor(post(urlPathEqualTo(OpenAiStubs.PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("second"));
        model.stubFor(post(urlPathEqualTo(OpenAiStubs.PATH)).inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(429)).willSetStateTo("third"));
        model.stubFor(post(urlPathEqualTo(OpenAiStubs.PATH)).inScenario("flaky").whenScenarioStateIs("third")
                .willReturn(OpenAiStubs.completion("finally")));
        JsonNode recovered = prompts.renderResponse(id, Prompts.ROW);
        assertThat(status(recovered)).isEqualTo(200);
        assertThat(body(recovered).get("output").asText()).isEqualTo("finally");
        assertThat(calls()).isEqualTo(3);

        // a refusal (401: a bad key) fails at once as a 502, never a 500
        model.resetAll();
        model.stubFor(post(urlPathEqualTo(OpenAiStubs.PATH)).willReturn(aResponse().withStatus(401)
                .withHeader("content-type", "application/json").withBody("{\"error\": {\"message\": \"bad key\"}}")));
        JsonNode refused = prompts.renderResponse(id, Prompts.ROW);
        assertThat(status(refused)).isEqualTo(502);
        assertThat(body(refused).get("type").asText()).endsWith(":model-error");
        assertThat(calls()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void aModelThatKeepsFailingAnswers503WithRetryAfterAndTheBreakerStopsCallingIt() {
        String id = prompts.create(Prompts.uniqueId("breaker"), null);
        model.resetAll();
        OpenAiStubs.modelFails(model, 500);

        JsonNode first = prompts.renderResponse(id, Prompts.ROW);
        assertThat(status(first)).isEqualTo(503);
        assertThat(first.get("headers").get("Retry-After").asText()).isEqualTo("30");
        assertThat(calls()).as("two attempts of the client, each retried once by the client").isEqualTo(4);

        for (int i = 0; i < 4; i++) {
            prompts.renderResponse(id, Prompts.ROW);
        }
        int beforeOpen = calls();
        JsonNode shortCircuited = prompts.renderResponse(id, Prompts.ROW);

        assertThat(status(shortCircuited)).isEqualTo(503);
        assertThat(calls()).as("the open breaker does not call the model").isEqualTo(beforeOpen);
    }


    private int calls() {
        return model.findAll(postRequestedFor(urlPathEqualTo(OpenAiStubs.PATH))).size();
    }
}
