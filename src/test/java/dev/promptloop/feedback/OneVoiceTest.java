package dev.promptloop.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.FeedbackHandler;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.handler.RenderHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.support.FeedbackTable;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.signedBy;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One voice, one vote: where the caller is known (the render's key, else the feedback request's verified caller),
 * the refinement threshold counts distinct voters, so one caller cannot trigger a refinement alone.
 */
@QuarkusTest
@PromptloopTest
class OneVoiceTest {

    static final String SERVICE = "arn:aws:sts::123456789012:assumed-role/shop-backend/session";
    static final String RULES = "{\"rules\": [{\"rule\": \"State the price exactly as given.\", \"critiques\": [\"c1\"]}]}";

    @Inject
    Prompts prompts;
    @Inject
    RenderHandler render;
    @Inject
    FeedbackHandler feedback;
    @Inject
    RefineHandler refine;
    @Inject
    FeedbackTable feedbackTable;
    @InjectWireMock
    WireMockServer model;

    @BeforeEach
    void model() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Aurora Lamp.");
        OpenAiStubs.optimizerAnswers(model, RULES);
    }

    @Test
    void oneCallerCritiquingThreeRendersDoesNotReachTheThresholdAlone() {
        // given a prompt, and one IAM principal that critiques three of its renders
        String id = prompts.create(Prompts.uniqueId("one-voice"), "{\"promotion\": \"auto\"}");
        for (int i = 0; i < 3; i++) {
            critique(renderId(id, Optional.empty()), SERVICE);
        }

        // when the prompt is checked for refinement
        JsonNode outcome = prompts.refine(refine, id);

        // then three critiques are stored and pending, but they weigh one voice
        assertThat(outcome.get("status").asText()).isEqualTo("below-threshold");
        assertThat(outcome.get("detail").asText()).contains("weighs 1.0 of 3");
        assertThat(feedbackTable.itemsOf(id)).hasSize(3).allSatisfy(item -> {
            assertThat(item).containsKey("pending");
            assertThat(item.get("voter").s()).hasSize(16).doesNotContain("shop-backend");
        });
    }

    @Test
    void threeCallersReachItAndTheRendersKeyNamesTheVoterWhoeverPostsTheFeedback() {
        // given three people's renders, critiqued by three principals, and a fourth prompt's one keyed user
        String people = prompts.create(Prompts.uniqueId("three-voices"), "{\"promotion\": \"auto\"}");
        for (int i = 1; i <= 3; i++) {
            critique(renderId(people, Optional.empty()), "arn:aws:iam::123456789012:user/person-" + i);
        }
        String keyed = prompts.create(Prompts.uniqueId("keyed-voice"), "{\"promotion\": \"auto\"}");
        for (int i = 1; i <= 3; i++) {
            critique(renderId(keyed, Optional.of("user-42")), "arn:aws:iam::123456789012:user/person-" + i);
        }

        // when both are checked
        JsonNode threeVoices = prompts.refine(refine, people);
        JsonNode oneUser = prompts.refine(refine, keyed);

        // then three people refine; one user's three renders are one voice, whoever relayed the critiques
        assertThat(threeVoices.get("status").asText()).as("%s", threeVoices).isEqualTo("refined");
        assertThat(oneUser.get("status").asText()).isEqualTo("below-threshold");
        assertThat(feedbackTable.itemsOf(keyed)).extracting(item -> item.get("voter").s()).containsOnly(
                feedbackTable.itemsOf(keyed).get(0).get("voter").s());
    }

    @Test
    void aSignedInUserIsOneVoterWhateverKeysTheySendWhileTheKeyStillPicksTheirCanaryBucket() {
        var body = JSON.createObjectNode().put("key", "another-key-each-time");
        body.putObject("variables").put("name", "Aurora");

        var request = dev.promptloop.api.RenderRequests.read("copy", body, Optional.of("jwt-subject-7"));

        assertThat(request.voter()).contains("jwt-subject-7");
        assertThat(request.key()).contains("another-key-each-time");
    }

    private String renderId(String promptId, Optional<String> key) {
        var body = JSON.createObjectNode();
        var variables = body.putObject("variables");
        Prompts.ROW.forEach(variables::put);
        key.ifPresent(k -> body.put("key", k));
        JsonNode response = render.handleRequest(signedBy(v2(Route.RENDER, Map.of("id", promptId), body.toString()),
                SERVICE), null);
        assertThat(status(response)).as("%s", response).isEqualTo(200);
        return body(response).get("renderId").asText();
    }

    private void critique(String renderId, String principal) {
        String body = JSON.createObjectNode().put("thumb", "down").put("critique", "The price is missing").toString();
        JsonNode response = feedback.handleRequest(signedBy(v2(Route.FEEDBACK, Map.of("renderId", renderId), body),
                principal), null);
        assertThat(status(response)).as("%s", response).isEqualTo(201);
    }
}
