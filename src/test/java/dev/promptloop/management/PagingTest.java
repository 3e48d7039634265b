package dev.promptloop.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.PromptsHandler;
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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lists that grow with a prompt's life come in pages: a limit with bounds, an opaque cursor the server checks, and
 * {@code next} exactly when there is more.
 */
@QuarkusTest
@PromptloopTest
class PagingTest {

    @Inject
    Prompts prompts;
    @Inject
    ManagementApi api;
    @Inject
    PromptsHandler promptsHandler;
    @Inject
    RefineHandler refine;
    @InjectWireMock
    WireMockServer model;

    @Test
    void theHistoryPagesNewestFirstWithoutLosingOrRepeatingAnEvent() {
        // given a prompt with eight events
        String id = promptWithLabelMoves(7);

        // when it is read three at a time
        List<JsonNode> pages = pages(Route.LIST_HISTORY, id, "limit=3");

        // then three pages of 3, 3 and 2 events hold the whole history once, in order, the last without next
        assertThat(pages).extracting(p -> p.get("history").size()).containsExactly(3, 3, 2);
        assertThat(pages.get(2).has("next")).isFalse();
        List<String> paged = new ArrayList<>();
        pages.forEach(p -> p.get("history").forEach(e -> paged.add(e.toString())));
        List<String> whole = new ArrayList<>();
        body(api.get(Route.LIST_HISTORY, Map.of("id", id), "limit=100")).get("history")
                .forEach(e -> whole.add(e.toString()));
        assertThat(paged).isEqualTo(whole).hasSize(8);
        assertThat(whole.get(7)).contains("\"kind\":\"created\"");
    }

    @Test
    void theHistoryFiltersByKindAcrossPages() {
        String id = promptWithLabelMoves(4);

        var moves = pages(Route.LIST_HISTORY, id, "kind=label-moved&limit=3");
        var created = body(api.get(Route.LIST_HISTORY, Map.of("id", id), "kind=created"));

        assertThat(moves).extracting(p -> p.get("history").size()).containsExactly(3, 1);
        assertThat(created.get("history")).singleElement()
                .satisfies(e -> assertThat(e.get("kind").asText()).isEqualTo("created"));
    }

    @Test
    void versionsPageNewestFirstAndOneVersionReadsAlone() {
        // given five versions, four of them refined
        String id = promptWithVersions(5);

        // when
        var pages = pages(Route.LIST_VERSIONS, id, "limit=2");
        JsonNode third = body(api.get(Route.GET_VERSION, Map.of("id", id, "version", "3"), ""));

        // then
        List<Integer> numbers = new ArrayList<>();
        pages.forEach(p -> p.get("versions").forEach(v -> numbers.add(v.get("version").asInt())));
        assertThat(numbers).containsExactly(5, 4, 3, 2, 1);
        assertThat(pages).extracting(p -> p.get("labels").get("production").asInt()).containsOnly(5);
        assertThat(third.get("version").asInt()).isEqualTo(3);
        assertThat(third.get("status").asText()).isEqualTo("retired");
        assertThat(third.get("rules")).hasSize(2);
        assertThat(status(api.get(Route.GET_VERSION, Map.of("id", id, "version", "6"), ""))).isEqualTo(404);
        assertThat(status(api.get(Route.GET_VERSION, Map.of("id", id, "version", "two"), ""))).isEqualTo(404);
    }

    @Test
    void aCursorThatWasEditedOrBelongsToAnotherListIsRefused() {
        String id = promptWithLabelMoves(3);
        String other = promptWithLabelMoves(3);
        String cursor = body(api.get(Route.LIST_HISTORY, Map.of("id", id), "limit=1")).get("next").asText();
        String otherCursor = body(api.get(Route.LIST_HISTORY, Map.of("id", other), "limit=1")).get("next").asText();
        String edited = cursor.substring(0, cursor.length() - 2) + (cursor.endsWith("A") ? "BB" : "AA");

        assertRefused(Route.LIST_HISTORY, id, "cursor=" + encode(edited), "invalid-cursor");
        assertRefused(Route.LIST_HISTORY, id, "cursor=" + encode(otherCursor), "invalid-cursor");
        assertRefused(Route.LIST_VERSIONS, id, "cursor=" + encode(cursor), "invalid-cursor");
        assertRefused(Route.LIST_HISTORY, id, "kind=created&cursor=" + encode(cursor), "invalid-cursor");
        assertRefused(Route.LIST_HISTORY, id, "cursor=not-a-cursor", "invalid-cursor");
        assertThat(status(api.get(Route.LIST_HISTORY, Map.of("id", id), "cursor=" + encode(cursor)))).isEqualTo(200);
    }

    @Test
    void limitsOutOfBoundsUnknownParametersAndUnknownKindsAreBadRequests() {
        String id = prompts.create(Prompts.uniqueId("paging-bad"), null);

        assertRefused(Route.LIST_HISTORY, id, "limit=0", "invalid-parameter");
        assertRefused(Route.LIST_VERSIONS, id, "limit=101", "invalid-parameter");
        assertRefused(Route.LIST_VERSIONS, id, "limit=ten", "invalid-parameter");
        assertRefused(Route.LIST_VERSIONS, id, "page=2", "unknown-parameter");
        assertRefused(Route.LIST_HISTORY, id, "kind=typo", "invalid-parameter");
        assertRefused(Route.LIST_HISTORY, id, "limit=1&limit=2", "invalid-parameter");
        assertThat(body(api.get(Route.LIST_VERSIONS, Map.of("id", id), "limit=100")).get("versions")).hasSize(1);
    }

    @Test
    void directCommandsPageTheSameWay() {
        String id = promptWithLabelMoves(2);

        JsonNode first = promptsHandler.handleRequest(JSON.createObjectNode().put("action", "history")
                .put("promptId", id).put("limit", 2), null);
        JsonNode rest = promptsHandler.handleRequest(JSON.createObjectNode().put("action", "history")
                .put("promptId", id).put("cursor", first.get("next").asText()), null);
        JsonNode version = promptsHandler.handleRequest(JSON.createObjectNode().put("action", "version")
                .put("promptId", id).put("version", 1), null);

        assertThat(first.get("history")).hasSize(2);
        assertThat(rest.get("history")).hasSize(1);
        assertThat(rest.has("next")).isFalse();
        assertThat(version.get("status").asText()).isEqualTo("production");
    }

    private void assertRefused(Route route, String id, String query, String type) {
        JsonNode response = api.get(route, Map.of("id", id), query);
        assertThat(status(response)).as("%s?%s", route, query).isEqualTo(400);
        assertThat(response.get("headers").get("content-type").asText()).isEqualTo("application/problem+json");
        assertThat(body(response).get("type").asText()).endsWith(type);
    }

    /** Follows {@code next} from the first page to the last. */
    private List<JsonNode> pages(Route route, String id, String query) {
        List<JsonNode> pages = new ArrayList<>();
        JsonNode page = body(api.get(route, Map.of("id", id), query));
        pages.add(page);
        while (page.has("next") && pages.size() < 20) {
            page = body(api.get(route, Map.of("id", id), query + "&cursor=" + encode(page.get("next").asText())));
            pages.add(page);
        }
        return pages;
    }

    private String promptWithLabelMoves(int moves) {
        String id = prompts.create(Prompts.uniqueId("paging"), null);
        for (int i = 0; i < moves; i++) {
            assertThat(status(api.moveLabel(id, "staging", 1, ManagementApi.OWNER))).isEqualTo(200);
        }
        return id;
    }

    /** A prompt refined until it has {@code count} versions, each refinement learning one new rule. */
    private String promptWithVersions(int count) {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        OpenAiStubs.optimizerAnswersANewRuleEachTime(model);
        String id = prompts.create(Prompts.uniqueId("paging-versions"), "{\"threshold\": 1, \"promotion\": \"auto\"}");
        for (int version = 2; version <= count; version++) {
            prompts.critiques(id, 1);
            assertThat(prompts.refine(refine, id).toString()).contains("\"version\":" + version);
        }
        return id;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
