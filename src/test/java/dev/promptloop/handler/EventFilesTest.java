package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.file;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/** The event files under infra/events, which the README uses with sam local invoke, drive the handlers as written. */
@QuarkusTest
@PromptloopTest
class EventFilesTest {

    @Inject
    PromptsHandler prompts;
    @Inject
    RenderHandler render;
    @Inject
    FeedbackHandler feedback;
    @Inject
    RefineHandler refine;
    @InjectWireMock
    WireMockServer model;

    @Test
    void theReadmeWalkthroughRunsOnTheEventFiles() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Aurora Lamp, $49.99.");

        assertThat(status(prompts.handleRequest(file("infra/events/prompts-create.json"), null))).isEqualTo(201);
        assertThat(body(prompts.handleRequest(file("infra/events/prompts-get.json"), null)).get("version").asInt())
                .isEqualTo(1);

        JsonNode rendered = render.handleRequest(file("infra/events/render.json"), null);
        assertThat(status(rendered)).isEqualTo(200);
        assertThat(status(render.handleRequest(file("infra/events/render-rest-api.json"), null))).isEqualTo(200);
        String renderId = render.handleRequest(file("infra/events/render-direct.json"), null).get("renderId").asText();

        ObjectNode critique = file("infra/events/feedback.json");
        ((ObjectNode) critique.get("pathParameters")).put("renderId", renderId);
        critique.put("rawPath", "/renders/" + renderId + "/feedback");
        assertThat(status(feedback.handleRequest(critique, null))).isEqualTo(201);

        JsonNode outcome = refine.handleRequest(file("infra/events/refine-direct.json"), null);
        assertThat(outcome.get("status").asText()).isEqualTo("below-threshold");
        assertThat(outcome.get("pendingNegative").asInt()).isEqualTo(1);
        assertThat(refine.handleRequest(file("infra/events/refine-stream.json"), null).get("batchItemFailures")).isEmpty();

        assertThat(body(prompts.handleRequest(file("infra/events/prompts-versions.json"), null)).get("versions"))
                .hasSize(1);
        assertThat(status(prompts.handleRequest(file("infra/events/prompts-rollback.json"), null))).isEqualTo(200);
        assertThat(prompts.handleRequest(file("infra/events/prompts-versions-direct.json"), null).get("versions"))
                .hasSize(1);
        assertThat(body(prompts.handleRequest(file("infra/events/prompts-version.json"), null)).get("status")
                .asText()).isEqualTo("production");
        assertThat(prompts.handleRequest(file("infra/events/prompts-version-direct.json"), null).get("version")
                .asInt()).isEqualTo(1);
        JsonNode history = body(prompts.handleRequest(file("infra/events/prompts-history.json"), null));
        assertThat(history.get("history").get(0).get("actor").asText())
                .as("the rollback was signed by the IAM user of the event file")
                .isEqualTo("arn:aws:iam::123456789012:user/alice");
        assertThat(prompts.handleRequest(file("infra/events/prompts-history-direct.json"), null).get("history")
                .get(0).get("kind").asText()).isEqualTo("label-moved");
        JsonNode patched = prompts.handleRequest(file("infra/events/prompts-patch.json"), null);
        assertThat(status(patched)).as("the rollback made revision 1, which the file's If-Match names: %s", patched)
                .isEqualTo(200);
        assertThat(body(patched).get("refinement").get("threshold").asInt()).isEqualTo(5);
        assertThat(prompts.handleRequest(file("infra/events/prompts-patch-direct.json"), null).get("archived")
                .asBoolean()).isFalse();
        assertThat(body(prompts.handleRequest(file("infra/events/prompts-list.json"), null)).get("prompts"))
                .isNotEmpty();
        assertThat(body(prompts.handleRequest(file("infra/events/prompts-feedback.json"), null)).get("feedback"))
                .as("the critique of the walkthrough waits below the threshold").hasSize(1);
        assertThat(prompts.handleRequest(file("infra/events/prompts-feedback-direct.json"), null).get("feedback"))
                .hasSize(1);
        JsonNode written = prompts.handleRequest(file("infra/events/prompts-write-version.json"), null);
        assertThat(status(written)).as("%s", written).isEqualTo(201);
        assertThat(body(written).get("labels").get(0).asText()).isEqualTo("candidate");
        assertThat(prompts.handleRequest(file("infra/events/prompts-write-version-direct.json"), null)
                .get("version").asInt()).isEqualTo(3);
        assertThat(body(prompts.handleRequest(file("infra/events/prompts-diff.json"), null)).get("messages")
                .get("system").asText()).contains("+You write short marketing copy for Aurora.");
        assertThat(prompts.handleRequest(file("infra/events/prompts-diff-direct.json"), null).get("against")
                .asInt()).as("version 3 was written from production, version 1").isEqualTo(1);
        assertThat(prompts.handleRequest(file("infra/events/prompts-list-direct.json"), null).get("prompts"))
                .extracting(p -> p.get("id").asText()).contains("product-copy");
        JsonNode added = prompts.handleRequest(file("infra/events/prompts-add-case.json"), null);
        assertThat(status(added)).as("%s", added).isEqualTo(201);
        assertThat(prompts.handleRequest(file("infra/events/prompts-add-case-direct.json"), null).at("/case/kind")
                .asText()).isEqualTo("owner");
        assertThat(body(prompts.handleRequest(file("infra/events/prompts-cases.json"), null)).get("cases"))
                .hasSize(2);
        JsonNode deleted = prompts.handleRequest(file("infra/events/prompts-delete-case.json"), null);
        assertThat(status(deleted)).as("the file names the case the add-case file posts: %s", deleted).isEqualTo(200);
        assertThat(prompts.handleRequest(file("infra/events/prompts-delete-case-direct.json"), null)
                .at("/case/note").asText()).isEqualTo("Keeps the tagline word for word.");
        assertThat(prompts.handleRequest(file("infra/events/prompts-cases-direct.json"), null).get("cases"))
                .isEmpty();
    }
}
