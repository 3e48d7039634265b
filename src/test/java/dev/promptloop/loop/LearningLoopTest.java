package dev.promptloop.loop;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.PromptsHandler;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.store.TableNames;
import dev.promptloop.support.ApiGatewayEvents;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import dev.promptloop.support.StreamTap;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.OperationType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole loop through the four handlers, on moto_server's tables and real feedback stream. */
@QuarkusTest
@PromptloopTest
class LearningLoopTest {

    static final String RULES = """
            {"rules": [
              {"rule": "Always state the price exactly as given.", "critiques": ["c1", "c2"]},
              {"rule": "Always include the logo URL; never an emoji.", "critiques": ["c3"]}
            ]}""";

    @Inject
    PromptsHandler promptsHandler;
    @Inject
    RefineHandler refine;
    @Inject
    Prompts prompts;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    TableNames tables;
    @ConfigProperty(name = "quarkus.dynamodb.endpoint-override")
    String endpoint;
    @InjectWireMock
    WireMockServer model;


    @BeforeEach
    void stubModel() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Aurora Lamp: light that follows you.");
        OpenAiStubs.optimizerAnswers(model, RULES);
    }

    @Test
    void threeCritiquesOnTheStreamBecomeVersionTwoWhoseRulesCiteThemAndReachTheNextRender() throws Exception {
        // given a prompt, a render of it and three critiques of that render
        String id = prompts.create(Prompts.uniqueId("loop"), "{\"promotion\": \"auto\"}");
        String renderId = prompts.renderRow(id).get("renderId").asText();
        List<String> feedbackIds = List.of(
                prompts.critique(renderId, "The price is missing."),
                prompts.critique(renderId, "Where is the price?"),
                prompts.critique(renderId, "The logo became an emoji."));

        // when the feedback table's stream delivers its records to the refine function
        JsonNode response;
        try (var tap = new StreamTap(dynamo, endpoint, tables.feedback())) {
            var records = tap.await(id, OperationType.INSERT, 3);
            response = refine.handleRequest(tap.event(records), null);
        }

        // then no record failed and version 2 is production, its rules citing the critiques they came from
        assertThat(response.get("batchItemFailures")).isEmpty();
        JsonNode versions = prompts.versions(id);
        assertThat(versions.get("labels").get("production").asInt()).isEqualTo(2);
        JsonNode v2 = versions.get("versions").get(0);
        assertThat(v2.get("version").asInt()).isEqualTo(2);
        assertThat(v2.get("parentVersion").asInt()).isEqualTo(1);
        assertThat(v2.get("reason").asText()).contains("3 negative feedbacks");
        assertThat(v2.get("rules").get(0).get("text").asText()).isEqualTo("Always state the price exactly as given.");
        assertThat(ids(v2.get("rules").get(0).get("feedbackIds"))).containsExactly(feedbackIds.get(0), feedbackIds.get(1));
        assertThat(ids(v2.get("rules").get(1).get("feedbackIds"))).containsExactly(feedbackIds.get(2));
        assertThat(versions.get("versions").get(1).get("rules")).isEmpty();

        // and the next render serves version 2 with the rules in its system message
        JsonNode next = prompts.renderRow(id);
        assertThat(next.get("version").asInt()).isEqualTo(2);
        String system = next.get("messages").get(0).get("content").asText();
        assertThat(next.get("messages").get(0).get("role").asText()).isEqualTo("system");
        assertThat(system).startsWith(Prompts.SYSTEM)
                .contains("- Always state the price exactly as given.", "- Always include the logo URL; never an emoji.");
        assertThat(next.get("output").asText()).isEqualTo("Aurora Lamp: light that follows you.");
    }

    @Test
    void manualPromotionPutsTheRefinedVersionOnCandidateAndLeavesProductionServing() throws Exception {
        String id = prompts.create(Prompts.uniqueId("manual"), "{\"promotion\": \"manual\"}");
        prompts.critiques(id, 3);

        var outcome = refineDirectly(id);

        assertThat(outcome.get("status").asText()).isEqualTo("refined");
        JsonNode labels = prompts.versions(id).get("labels");
        assertThat(labels.get("production").asInt()).isEqualTo(1);
        assertThat(labels.get("candidate").asInt()).isEqualTo(2);
        assertThat(prompts.renderRow(id).get("version").asInt()).isEqualTo(1);
    }

    @Test
    void movingProductionBackToVersionOneIsTheRollback() {
        // given a refined prompt whose production is version 2
        String id = prompts.create(Prompts.uniqueId("rollback"), "{\"promotion\": \"auto\"}");
        prompts.critiques(id, 3);
        assertThat(refineDirectly(id).get("version").asInt()).isEqualTo(2);

        // when production moves back to version 1
        JsonNode moved = promptsHandler.handleRequest(ApiGatewayEvents.v2(Route.MOVE_LABEL,
                Map.of("id", id, "label", "production"), "{\"version\": 1}"), null);

        // then version 1 serves again, without the learned rules, and version 2 is kept
        assertThat(ApiGatewayEvents.status(moved)).isEqualTo(200);
        JsonNode next = prompts.renderRow(id);
        assertThat(next.get("version").asInt()).isEqualTo(1);
        assertThat(next.get("messages").get(0).get("content").asText()).isEqualTo(Prompts.SYSTEM);
        JsonNode versions = prompts.versions(id);
        assertThat(versions.get("versions")).hasSize(2);
        assertThat(versions.get("labels").get("production").asInt()).isEqualTo(1);
    }

    @Test
    void belowTheThresholdNothingIsRefinedAndTheModelIsNotAsked() {
        String id = prompts.create(Prompts.uniqueId("below"), "{\"threshold\": 3}");
        prompts.critiques(id, 2);

        var outcome = refineDirectly(id);

        assertThat(outcome.get("status").asText()).isEqualTo("below-threshold");
        assertThat(outcome.get("pendingNegative").asInt()).isEqualTo(2);
        assertThat(OpenAiStubs.optimizerCalls(model)).isZero();
        assertThat(prompts.versions(id).get("versions")).hasSize(1);
    }

    private JsonNode refineDirectly(String id) {
        return refine.handleRequest(ApiGatewayEvents.JSON.createObjectNode().put("promptId", id), null);
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.asText()));
        return ids;
    }
}
