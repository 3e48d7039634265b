package dev.promptloop.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.PromptsHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.ManagementApi;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/** Every prompt of a deployment, listed by id in pages, each with where it stands and the criticism waiting on it. */
@QuarkusTest
@PromptloopTest
class ListingTest {

    @Inject
    Prompts prompts;
    @Inject
    ManagementApi api;
    @Inject
    PromptsHandler promptsHandler;
    @InjectWireMock
    WireMockServer model;

    @Test
    void promptsOfOneTagPageByIdEachWithItsLabelsAndPendingCriticism() {
        // given three prompts with a tag no other test uses, one with two critiques on production and a candidate
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = new ArrayList<>();
        for (String name : List.of("list-b", "list-a", "list-c")) {
            ids.add(prompts.create(Prompts.uniqueId(name), "{\"threshold\": 9}",
                    "{\"description\": \"" + name + "\", \"tags\": [\"" + tag + "\", \"shop\"]}"));
        }
        String criticised = ids.get(0);
        prompts.critiques(criticised, 2);
        assertThat(status(api.moveLabel(criticised, "candidate", 1, ManagementApi.OWNER))).isEqualTo(200);

        // when they are listed two at a time
        JsonNode first = body(api.get(Route.LIST_PROMPTS, Map.of(), "tag=" + tag + "&limit=2"));
        JsonNode second = body(api.get(Route.LIST_PROMPTS, Map.of(), "tag=" + tag + "&limit=2&cursor="
                + URLEncoder.encode(first.get("next").asText(), StandardCharsets.UTF_8)));

        // then they come by id, all three once, the last page without next
        List<String> listed = new ArrayList<>();
        first.get("prompts").forEach(p -> listed.add(p.get("id").asText()));
        second.get("prompts").forEach(p -> listed.add(p.get("id").asText()));
        assertThat(listed).containsExactlyElementsOf(ids.stream().sorted().toList());
        assertThat(second.has("next")).isFalse();
        JsonNode entry = entry(first, second, criticised);
        assertThat(entry.get("pendingNegative").asInt()).isEqualTo(2);
        assertThat(entry.get("production").asInt()).isEqualTo(1);
        assertThat(entry.get("candidate").asInt()).isEqualTo(1);
        assertThat(entry.get("labels").get("candidate").asInt()).isEqualTo(1);
        assertThat(entry.get("latestVersion").asInt()).isEqualTo(1);
        assertThat(entry.get("description").asText()).isEqualTo("list-b");
        assertThat(entry.get("tags")).extracting(JsonNode::asText).containsExactly(tag, "shop");
        assertThat(Instant.parse(entry.get("updatedAt").asText()))
                .as("the label move after the last creation updated it")
                .isAfter(Instant.parse(entry(first, second, ids.get(2)).get("updatedAt").asText()));
        assertThat(entry(first, second, ids.get(1)).get("pendingNegative").asInt()).isZero();
    }

    @Test
    void aTagCursorServesOnlyItsTagAndBadParametersAreRefused() {
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        prompts.create(Prompts.uniqueId("tagged"), null, "{\"tags\": [\"" + tag + "\"]}");
        prompts.create(Prompts.uniqueId("tagged"), null, "{\"tags\": [\"" + tag + "\"]}");
        String cursor = body(api.get(Route.LIST_PROMPTS, Map.of(), "tag=" + tag + "&limit=1")).get("next").asText();

        assertThat(status(api.get(Route.LIST_PROMPTS, Map.of(), "cursor=" + URLEncoder.encode(cursor,
                StandardCharsets.UTF_8)))).isEqualTo(400);
        assertThat(status(api.get(Route.LIST_PROMPTS, Map.of(), "tag=Not%20A%20Tag"))).isEqualTo(422);
        assertThat(status(api.get(Route.LIST_PROMPTS, Map.of(), "owner=me"))).isEqualTo(400);
        assertThat(status(api.get(Route.LIST_PROMPTS, Map.of(), "limit=500"))).isEqualTo(400);
        assertThat(promptsHandler.handleRequest(JSON.createObjectNode().put("action", "list").put("tag", tag), null)
                .get("prompts")).hasSize(2);
    }

    private static JsonNode entry(JsonNode first, JsonNode second, String id) {
        List<JsonNode> all = new ArrayList<>();
        first.get("prompts").forEach(all::add);
        second.get("prompts").forEach(all::add);
        return all.stream().filter(p -> p.get("id").asText().equals(id)).findFirst().orElseThrow();
    }
}
