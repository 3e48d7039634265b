package dev.promptloop.refinement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.evaluation.JudgePrompt;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.support.FeedbackTable;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The optimizer and the judge against an OpenAI-compatible endpoint (WireMock) answering as real models do: they ask
 * for their answer's JSON schema, strictly; rules given as bare strings still make a version, which says how its
 * rules cite; an answer that cannot be used is an outcome of its own, never a silent "no rules".
 */
@QuarkusTest
@PromptloopTest
class RealModelAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Prompts prompts;
    @Inject
    RefineHandler refine;
    @Inject
    FeedbackTable feedbackTable;
    @InjectWireMock
    WireMockServer model;

    @BeforeEach
    void rendersForgetThePrice() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Aurora Lamp, light that follows you.");
        OpenAiStubs.judgeAnswers(model, "{\"winner\": \"A\"}");
    }

    @Test
    void rulesAnsweredAsBareStringsBecomeAVersionWhoseRulesCiteEveryCritiqueShown() throws Exception {
        // given a model that answers the optimizer with strings and no citations
        OpenAiStubs.optimizerAnswers(model, "```json\n{\"rules\": [\"State the price exactly as given.\", "
                + "\"Give the brand colour as its hex code.\"]}\n```");
        String id = prompts.create(Prompts.uniqueId("strings"), "{\"promotion\": \"auto\"}");
        List<String> critiques = prompts.critiques(id, 3);

        // when the prompt is refined
        JsonNode outcome = prompts.refine(refine, id);

        // then version 2 has both rules, each citing the three critiques, and its reason says why
        assertThat(outcome.get("status").asText()).as("%s", outcome).isEqualTo("refined");
        JsonNode v2 = prompts.versions(id).get("versions").get(0);
        assertThat(v2.get("rules")).hasSize(2).allSatisfy(rule -> assertThat(rule.get("feedbackIds"))
                .extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(critiques));
        assertThat(v2.get("reason").asText()).contains("the optimizer named no critiques for 2 of its rules");
    }

    @Test
    void anAnswerWithoutJsonIsAnUnusableOptimizerAndTheFeedbackWaits() {
        // given a model that refuses in prose
        OpenAiStubs.optimizerAnswers(model, "I'm sorry, but I can't help with rewriting prompts.");
        String id = prompts.create(Prompts.uniqueId("prose"), "{\"promotion\": \"auto\"}");
        prompts.critiques(id, 3);

        // when the prompt is refined
        JsonNode outcome = prompts.refine(refine, id);

        // then the outcome names the problem, no version is written, and the critiques are still pending
        assertThat(outcome.get("status").asText()).isEqualTo("optimizer-unusable");
        assertThat(outcome.get("detail").asText()).isEqualTo("the optimizer's answer was not usable: no JSON in it");
        assertThat(prompts.versions(id).get("latestVersion").asInt()).isEqualTo(1);
        assertThat(feedbackTable.itemsOf(id)).allSatisfy(item -> assertThat(item).containsKey("pending"));
    }

    @Test
    void theOptimizerAndTheJudgeAskForTheirAnswersSchemaStrictlyAndRendersAskForNone() throws Exception {
        // given an evaluated refinement, so that renders, the optimizer and the judge are all called
        OpenAiStubs.optimizerAnswers(model, "{\"rules\": [{\"rule\": \"State the price exactly as given.\", "
                + "\"critiques\": [\"c1\"]}]}");
        String id = prompts.create(Prompts.uniqueId("schemas"), null);
        prompts.critiques(id, 3);

        // when the prompt is refined
        prompts.refine(refine, id);

        // then each kind of request asked for what it should
        JsonNode optimizer = JSON.readTree(OpenAiStubs.optimizerRequests(model).get(0));
        assertThat(optimizer.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(optimizer.at("/response_format/json_schema/name").asText()).isEqualTo("rules");
        assertThat(optimizer.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        assertThat(optimizer.at("/response_format/json_schema/schema/required/0").asText()).isEqualTo("rules");
        assertThat(optimizer.at("/response_format/json_schema/schema/properties/edits/items/properties/op/enum")
                .toString()).isEqualTo("[\"reword\",\"merge\",\"retire\"]");
        List<JsonNode> judged = requests(JudgePrompt.MARKER);
        assertThat(judged).isNotEmpty().allSatisfy(judge ->
                assertThat(judge.at("/response_format/json_schema/name").asText()).isEqualTo("verdict"));
        // renders: the requests neither the judge's nor the optimizer's marker opens (the judge's quote outputs too)
        List<JsonNode> renders = requests("Aurora").stream().filter(request -> !request.toString()
                .contains(JudgePrompt.MARKER) && !request.toString().contains(OptimizerPrompt.MARKER)).toList();
        assertThat(renders).as("the renders of the evaluation").isNotEmpty().allSatisfy(render ->
                assertThat(render.has("response_format")).as("a render asks for free text").isFalse());
    }

    private List<JsonNode> requests(String containing) {
        return model.findAll(postRequestedFor(urlPathEqualTo(OpenAiStubs.PATH))).stream()
                .map(request -> request.getBodyAsString()).filter(body -> body.contains(containing))
                .map(body -> {
                    try {
                        return JSON.readTree(body);
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toList();
    }
}
