package dev.promptloop.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.PromptsHandler;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.support.DynamoCallCounter;
import dev.promptloop.support.FeedbackTable;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.ManagementApi;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * People write versions by hand beside the learned ones: from production, each part replaced or kept, the learned
 * rules kept, reset or edited one by one, on the candidate label or straight to production.
 */
@QuarkusTest
@PromptloopTest
class HumanVersionsTest {

    static final String TWO_RULES = "{\"rules\": [{\"rule\": \"Always state the price exactly as given.\", "
            + "\"critiques\": [\"c1\"]}, {\"rule\": \"Give the brand colour as its hex code.\", \"critiques\": "
            + "[\"c2\"]}]}";

    @Inject
    Prompts prompts;
    @Inject
    ManagementApi api;
    @Inject
    RefineHandler refine;
    @Inject
    PromptsHandler promptsHandler;
    @Inject
    FeedbackTable feedbackTable;
    @InjectWireMock
    WireMockServer model;

    @BeforeEach
    void model() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        OpenAiStubs.optimizerAnswers(model, TWO_RULES);
    }

    @Test
    void aNewTemplateKeepsTheLearnedRulesGoesToCandidateAndSaysWhichVariablesChanged() {
        // given a prompt that learned two rules in version 2
        String id = refinedPrompt("hand-keep");
        var learned = rulesOf(body(api.get(Route.GET_VERSION, Map.of("id", id, "version", "2"), "")));

        // when its owner writes a new user text with another variable
        JsonNode written = write(id, """
                {"template": {"system": "You write short marketing copy.",
                              "user": "Copy for {{audience}}: {{name}} at {{price}}, {{colour}}, logo {{logo}}."},
                 "reason": "addressed to an audience"}""", Map.of());

        // then version 3 is the candidate, with the same learned rules, and production has not moved
        assertThat(status(written)).isEqualTo(201);
        JsonNode v3 = body(written);
        assertThat(v3.get("version").asInt()).isEqualTo(3);
        assertThat(v3.get("status").asText()).isEqualTo("candidate");
        assertThat(v3.get("parentVersion").asInt()).isEqualTo(2);
        assertThat(v3.get("reason").asText()).isEqualTo("addressed to an audience");
        assertThat(rulesOf(v3)).isEqualTo(learned);
        assertThat(v3.get("variablesAdded")).extracting(JsonNode::asText).containsExactly("audience");
        assertThat(v3.get("variablesDropped")).extracting(JsonNode::asText).containsExactly("tagline");
        assertThat(prompts.versions(id).get("labels").get("production").asInt()).isEqualTo(2);
        assertThat(HistoryTest.kindsAndActors(prompts.history(id)).get(0))
                .isEqualTo("version-written " + ManagementApi.OWNER);
    }

    @Test
    void aRewordedRuleKeepsItsProvenanceAnOmittedOneIsDroppedAndAHumanEditRollsBackInOneMove() {
        // given a prompt that learned two rules
        String id = refinedPrompt("hand-edit");
        JsonNode first = body(api.get(Route.GET_VERSION, Map.of("id", id, "version", "2"), "")).get("rules").get(0);

        // when its owner rewords the first, drops the second, and puts the result in production
        JsonNode written = write(id, "{\"rules\": [{\"rule\": \"" + first.get("id").asText()
                + "\", \"text\": \"State the price exactly as the row gives it.\"}], \"promote\": true}", Map.of());

        // then production is version 3 with the one reworded rule, its feedback and its old wording kept, watched
        JsonNode rule = body(written).get("rules").get(0);
        assertThat(body(written).get("rules")).hasSize(1);
        assertThat(rule.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(rule.get("text").asText()).isEqualTo("State the price exactly as the row gives it.");
        assertThat(rule.get("feedbackIds")).isEqualTo(first.get("feedbackIds"));
        assertThat(rule.get("version").asInt()).as("the version that learned it").isEqualTo(2);
        assertThat(rule.get("edits").get(0).get("previousText").asText()).isEqualTo(first.get("text").asText());
        assertThat(rule.get("edits").get(0).get("version").asInt()).isEqualTo(3);
        var versions = prompts.versions(id);
        assertThat(versions.get("labels").get("production").asInt()).isEqualTo(3);
        assertThat(versions.get("watch").get("baseline").asInt()).isEqualTo(2);
        // and one label move takes it back
        assertThat(status(api.moveLabel(id, "production", 2, ManagementApi.OWNER))).isEqualTo(200);
        assertThat(prompts.renderRow(id).get("version").asInt()).isEqualTo(2);
        assertThat(body(api.get(Route.GET_VERSION, Map.of("id", id, "version", "3"), "")).get("status").asText())
                .isEqualTo("rolled-back");
    }

    @Test
    void rulesCanBeResetAndABadVersionIsRefusedWithNothingWritten() {
        String id = refinedPrompt("hand-bad");
        String etag = api.get(Route.GET_PROMPT, Map.of("id", id), "").get("headers").get("ETag").asText();
        int writes = DynamoCallCounter.writes();

        assertThat(status(write(id, "{\"rules\": [\"Never say never.\"]}", Map.of()))).isEqualTo(422);
        assertThat(status(write(id, "{\"rulez\": \"keep\"}", Map.of()))).isEqualTo(400);
        assertThat(status(write(id, "{\"rules\": \"forget\"}", Map.of()))).isEqualTo(400);
        assertThat(status(write(id, "{\"template\": {\"user\": \"{{unclosed\"}}", Map.of()))).isEqualTo(422);
        assertThat(status(write(id, "{\"template\": {\"user\": \"Only {{name}}\"}, \"checks\": [{\"type\": "
                + "\"contains-variable\", \"variable\": \"price\"}]}", Map.of()))).isEqualTo(422);
        assertThat(status(write(id, "{}", Map.of("If-Match", "\"0\"")))).isEqualTo(412);
        assertThat(status(write("nobody-" + id, "{}", Map.of()))).isEqualTo(404);
        assertThat(DynamoCallCounter.writes()).isEqualTo(writes);

        JsonNode reset = body(write(id, "{\"rules\": \"reset\"}", Map.of("If-Match", etag)));
        assertThat(reset.get("rules")).isEmpty();
        assertThat(reset.get("version").asInt()).isEqualTo(3);
    }

    @Test
    void aHumanVersionAndARefinementRacingForTheNextNumberLoseNothing() throws Exception {
        // given pending critiques and an optimizer slow enough for a person to write a version meanwhile
        String id = prompts.create(Prompts.uniqueId("hand-race"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        List<String> pending = prompts.critiques(id, 2);
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        OpenAiStubs.optimizerAnswersSlowly(model, TWO_RULES, 1_500);

        // when the refinement reads version 1 as latest, then the person takes number 2 before it publishes
        var refinement = CompletableFuture.supplyAsync(() -> prompts.refine(refine, id));
        Thread.sleep(600);
        JsonNode human = write(id, "{\"reason\": \"hand-written while a refinement runs\"}", Map.of());
        JsonNode lost = refinement.get();

        // then the person has version 2, the refinement wrote nothing and its feedback waits, and the next
        // refinement learns from it as version 3: numbers contiguous, nothing lost
        assertThat(status(human)).isEqualTo(201);
        assertThat(body(human).get("version").asInt()).isEqualTo(2);
        assertThat(lost.get("status").asText()).as("%s", lost).isEqualTo("superseded");
        assertThat(feedbackTable.itemsOf(id).stream().filter(f -> f.containsKey("pending")).count()).isEqualTo(2);
        OpenAiStubs.optimizerAnswers(model, TWO_RULES);
        assertThat(prompts.refine(refine, id).get("version").asInt()).isEqualTo(3);
        List<Integer> numbers = new ArrayList<>();
        prompts.versions(id).get("versions").forEach(v -> numbers.add(v.get("version").asInt()));
        assertThat(numbers).containsExactly(3, 2, 1);
        assertThat(feedbackTable.itemsOf(id).stream().filter(f -> f.containsKey("pending")).count()).isZero();
        assertThat(pending).hasSize(2);
    }

    @Test
    void aRetriedWriteWithTheSameIdempotencyKeyWritesOneVersion() {
        String id = prompts.create(Prompts.uniqueId("hand-retry"), null);
        var key = Map.of("Idempotency-Key", "write-" + id);

        JsonNode first = write(id, "{\"reason\": \"once\"}", key);
        JsonNode again = write(id, "{\"reason\": \"once\"}", key);

        assertThat(status(first)).isEqualTo(201);
        assertThat(again.get("headers").get("Idempotent-Replayed").asText()).isEqualTo("true");
        assertThat(body(again).get("version").asInt()).isEqualTo(2);
        assertThat(prompts.versions(id).get("versions")).hasSize(2);
    }

    @Test
    void aCandidateThatWaitsIsNotReplacedByAHandWrittenOne() {
        // given a refined version waiting on the candidate label for a person to promote it
        String id = prompts.create(Prompts.uniqueId("hand-waiting"), "{\"threshold\": 2, \"promotion\": \"manual\"}");
        prompts.critiques(id, 2);
        assertThat(prompts.refine(refine, id).get("version").asInt()).isEqualTo(2);

        // when a person writes a version for the candidate label, and then one straight to production
        JsonNode refused = write(id, "{\"reason\": \"would replace it\"}", Map.of());
        JsonNode promoted = write(id, "{\"reason\": \"deliberately\", \"promote\": true}", Map.of());

        // then the waiting candidate stays, and production moves only when asked
        assertThat(status(refused)).isEqualTo(409);
        assertThat(body(refused).get("type").asText()).endsWith("candidate-waiting");
        assertThat(status(promoted)).isEqualTo(201);
        assertThat(prompts.versions(id).get("labels").get("candidate").asInt()).isEqualTo(2);
    }

    @Test
    void theDirectCommandWritesAVersionToo() {
        String id = prompts.create(Prompts.uniqueId("hand-direct"), null);

        JsonNode written = promptsHandler.handleRequest(JSON.createObjectNode().put("action",
                "write-version").put("promptId", id).put("reason", "by command"), null);

        assertThat(written.get("version").asInt()).isEqualTo(2);
        assertThat(written.get("labels")).extracting(JsonNode::asText).containsExactly("candidate");
    }

    private String refinedPrompt(String prefix) {
        String id = prompts.create(Prompts.uniqueId(prefix), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        prompts.critiques(id, 2);
        assertThat(prompts.refine(refine, id).get("version").asInt()).isEqualTo(2);
        return id;
    }

    private JsonNode write(String id, String body, Map<String, String> headers) {
        return api.send(Route.CREATE_VERSION, Map.of("id", id), body, headers);
    }

    private static List<String> rulesOf(JsonNode version) {
        List<String> rules = new ArrayList<>();
        version.get("rules").forEach(r -> rules.add(r.get("id").asText() + " " + r.get("text").asText() + " "
                + r.get("feedbackIds")));
        return rules;
    }
}
