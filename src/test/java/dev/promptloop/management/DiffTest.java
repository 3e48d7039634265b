package dev.promptloop.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.ManagementApi;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/** What changed between two versions: messages as unified diffs, rules, protected rules, checks and settings. */
@QuarkusTest
@PromptloopTest
class DiffTest {

    @Inject
    Prompts prompts;
    @Inject
    ManagementApi api;
    @Inject
    RefineHandler refine;
    @InjectWireMock
    WireMockServer model;

    @Test
    void aHandWrittenVersionDiffsAgainstItsParentAndAnyOtherVersion() {
        // given version 2 learned two rules, and version 3 was written by hand from it
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        OpenAiStubs.optimizerAnswers(model, HumanVersionsTest.TWO_RULES);
        String id = prompts.create(Prompts.uniqueId("diff"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        prompts.critiques(id, 2);
        assertThat(prompts.refine(refine, id).get("version").asInt()).isEqualTo(2);
        var learned = body(api.get(Route.GET_VERSION, Map.of("id", id, "version", "2"), "")).get("rules");
        String kept = learned.get(0).get("id").asText();
        assertThat(status(api.send(Route.CREATE_VERSION, Map.of("id", id), """
                {"template": {"system": "%s", "user": "Copy for {{name}} at {{price}}.\\nLogo: {{logo}}"},
                 "model": {"temperature": 0.2}, "protectedRules": ["Never mention competitors."],
                 "checks": [{"type": "contains-variable", "variable": "price"}],
                 "rules": [{"rule": "%s", "text": "State the price as given."}]}"""
                .formatted(Prompts.SYSTEM, kept), Map.of()))).isEqualTo(201);

        // when
        JsonNode diff = body(api.get(Route.DIFF_VERSION, Map.of("id", id, "version", "3"), ""));
        JsonNode fromOne = body(api.get(Route.DIFF_VERSION, Map.of("id", id, "version", "3"), "against=1"));

        // then against its parent, version 2
        assertThat(diff.get("against").asInt()).isEqualTo(2);
        assertThat(diff.get("messages").has("system")).isFalse();
        assertThat(diff.get("messages").get("user").asText()).startsWith("--- v2/user\n+++ v3/user\n@@ -1,1 +1,2 @@\n")
                .contains("\n-" + Prompts.USER_TEMPLATE + "\n", "\n+Copy for {{name}} at {{price}}.\n",
                        "\n+Logo: {{logo}}\n");
        assertThat(diff.get("rules").get("reworded")).singleElement().satisfies(r -> {
            assertThat(r.get("id").asText()).isEqualTo(kept);
            assertThat(r.get("before").asText()).isEqualTo(learned.get(0).get("text").asText());
            assertThat(r.get("after").asText()).isEqualTo("State the price as given.");
        });
        assertThat(diff.get("rules").get("removed")).singleElement()
                .satisfies(r -> assertThat(r.get("id").asText()).isEqualTo(learned.get(1).get("id").asText()));
        assertThat(diff.get("rules").get("added")).isEmpty();
        assertThat(diff.get("protectedRules").get("added")).extracting(JsonNode::asText)
                .containsExactly("Never mention competitors.");
        assertThat(diff.get("checks").get("added").get(0).get("variable").asText()).isEqualTo("price");
        assertThat(diff.get("model").get("temperature").get("before").isNull()).isTrue();
        assertThat(diff.get("model").get("temperature").get("after").asDouble()).isEqualTo(0.2);
        // and against version 1, the kept rule counts as added, in its new words
        assertThat(fromOne.get("rules").get("added")).singleElement()
                .satisfies(r -> assertThat(r.get("text").asText()).isEqualTo("State the price as given."));
        assertThat(status(api.get(Route.DIFF_VERSION, Map.of("id", id, "version", "3"), "against=9"))).isEqualTo(404);
        assertThat(status(api.get(Route.DIFF_VERSION, Map.of("id", id, "version", "3"), "to=1"))).isEqualTo(400);
    }
}
