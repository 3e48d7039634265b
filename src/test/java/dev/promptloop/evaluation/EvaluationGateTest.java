package dev.promptloop.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
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

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Output checks on every render, machine feedback, and the evaluation gate before promotion, through the handlers on
 * moto_server with WireMock as the model (candidate and production told apart by the learned rule in the request).
 */
@QuarkusTest
@PromptloopTest
class EvaluationGateTest {

    static final String PRICE_RULE = "Always state the price exactly as given.";
    static final String RULES = "{\"rules\": [{\"rule\": \"" + PRICE_RULE + "\", \"critiques\": [\"c1\", \"c2\"]}]}";

    @Inject
    Prompts prompts;
    @Inject
    RefineHandler refine;
    @Inject
    FeedbackTable feedbackTable;
    @InjectWireMock
    WireMockServer model;

    @BeforeEach
    void resetModel() {
        model.resetAll();
        OpenAiStubs.optimizerAnswers(model, RULES);
    }

    @Test
    void aFailedCheckComesBackWithTheRenderAndIsStoredAsMachineFeedback() {
        OpenAiStubs.renderAnswers(model, "Aurora Lamp, light that follows you.");
        String id = prompts.create(Prompts.uniqueId("checks"), null, Prompts.PRICE_CHECK);

        JsonNode render = prompts.renderRow(id);

        assertThat(render.get("checks")).hasSize(1);
        assertThat(render.get("checks").get(0).get("passed").asBoolean()).isFalse();
        assertThat(render.get("checks").get(0).get("detail").asText())
                .isEqualTo("the output does not contain the value of `price` ($49.99)");
        var feedback = feedbackTable.itemsOf(id);
        assertThat(feedback).hasSize(1);
        assertThat(feedback.get(0).get("source").s()).isEqualTo("check");
        assertThat(feedback.get(0).get("critique").s()).contains("`price`");
        assertThat(feedback.get(0).get("renderId").s()).isEqualTo(render.get("renderId").asText());
        assertThat(feedback.get(0)).containsKey("pending");
    }

    @Test
    void aCandidateThatFixesTheFailingCheckIsPromotedWithItsEvaluationRecorded() {
        // given production forgets the price, and a version with the learned rule states it
        OpenAiStubs.renderAnswers(model, "Aurora Lamp, light that follows you.");
        OpenAiStubs.renderAnswersWhen(model, PRICE_RULE, "Aurora Lamp for $49.99, light that follows you.");
        String id = prompts.create(Prompts.uniqueId("gate"), null, Prompts.PRICE_CHECK);
        prompts.renderRows(id, "Aurora Lamp", "Borealis Lamp", "Cirrus Lamp");

        // when the machine feedback of three failed checks triggers a refinement
        JsonNode outcome = prompts.refine(refine, id);

        // then the candidate won every case on the checks, and became production
        assertThat(outcome.get("status").asText()).as("%s", outcome).isEqualTo("refined");
        JsonNode versions = prompts.versions(id);
        assertThat(versions.get("labels").get("production").asInt()).isEqualTo(2);
        JsonNode v2 = versions.get("versions").get(0);
        assertThat(v2.get("status").asText()).isEqualTo("production");
        JsonNode evaluation = v2.get("evaluation");
        assertThat(evaluation.get("cases").asInt()).isEqualTo(3);
        assertThat(evaluation.get("wins").asInt()).isEqualTo(3);
        assertThat(evaluation.get("checkRegressions").asInt()).isZero();
        assertThat(evaluation.get("candidateCheckPassRate").asDouble()).isEqualTo(1.0);
        assertThat(evaluation.get("productionCheckPassRate").asDouble()).isEqualTo(0.0);
        assertThat(evaluation.get("modelCalls").asInt()).isEqualTo(4);
        assertThat(evaluation.get("promoted").asBoolean()).isTrue();
        assertThat(prompts.history(id).get("history").get(0).get("reason").asText()).startsWith("promoted: 3 wins");
        assertThat(versions.get("versions").get(1).get("status").asText()).isEqualTo("retired");
        assertThat(OpenAiStubs.judgeCalls(model)).isZero();
        assertThat(prompts.renderRow(id).get("checks").get(0).get("passed").asBoolean()).isTrue();
    }

    @Test
    void aCandidateThatBreaksACheckProductionPassedIsRejectedAndProductionStays() {
        // given production keeps the colour but drops the price; the candidate keeps the price but drops the colour
        OpenAiStubs.renderAnswers(model, "Aurora Lamp in #FF5733.");
        OpenAiStubs.renderAnswersWhen(model, PRICE_RULE, "Aurora Lamp for $49.99.");
        String id = prompts.create(Prompts.uniqueId("regress"), null, "{\"checks\": ["
                + "{\"type\": \"contains-variable\", \"variable\": \"price\"},"
                + "{\"type\": \"contains-variable\", \"variable\": \"colour\"}]}");
        prompts.renderRows(id, "Aurora Lamp", "Borealis Lamp", "Cirrus Lamp");

        JsonNode outcome = prompts.refine(refine, id);

        assertThat(outcome.get("status").asText()).as("%s", outcome).isEqualTo("rejected");
        JsonNode versions = prompts.versions(id);
        assertThat(versions.get("labels").get("production").asInt()).isEqualTo(1);
        assertThat(versions.get("labels").get("rejected").asInt()).isEqualTo(2);
        JsonNode v2 = versions.get("versions").get(0);
        assertThat(v2.get("status").asText()).isEqualTo("rejected");
        assertThat(v2.get("evaluation").get("checkRegressions").asInt()).isEqualTo(1);
        assertThat(v2.get("evaluation").get("reason").asText()).contains("failed a check production passed");
        assertThat(prompts.renderRow(id).get("version").asInt()).isEqualTo(1);
        // a rejected version consumes nothing: its three critiques wait for another try and remember version 2
        var items = feedbackTable.itemsOf(id);
        assertThat(items.stream().filter(f -> f.containsKey("pending")).count()).isEqualTo(4);
        assertThat(items.stream().filter(f -> f.containsKey("triedBy"))).hasSize(3).allSatisfy(f ->
                assertThat(f.get("triedBy").l()).extracting(v -> v.n()).containsExactly("2"));
    }

    @Test
    void aRegressionOnAWellRatedHeldOutRenderRejectsTheCandidate() {
        // given production gets Borealis right (and people liked it) but drops price and colour elsewhere,
        // while the candidate states the price everywhere and drops the colour
        OpenAiStubs.renderAnswers(model, "A lamp.");
        OpenAiStubs.renderAnswersWhen(model, "Borealis", "Borealis Lamp for $49.99 in #FF5733.");
        model.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(OpenAiStubs.PATH)).atPriority(0)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(PRICE_RULE))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining(JudgePrompt.MARKER))
                .willReturn(OpenAiStubs.completion("A lamp for $49.99.")));
        String id = prompts.create(Prompts.uniqueId("held-out"), "{\"threshold\": 4}", "{\"checks\": ["
                + "{\"type\": \"contains-variable\", \"variable\": \"price\"},"
                + "{\"type\": \"contains-variable\", \"variable\": \"colour\"}]}");
        String liked = prompts.renderRow(id, Prompts.row("Borealis Lamp")).get("renderId").asText();
        prompts.thumb(liked, "up");
        prompts.renderRows(id, "Aurora Lamp", "Cirrus Lamp");

        // when the four failed checks trigger a refinement
        JsonNode outcome = prompts.refine(refine, id);

        // then the candidate won the consumed cases but lost the held-out one on a check, and was rejected
        assertThat(outcome.get("status").asText()).as("%s", outcome).isEqualTo("rejected");
        JsonNode evaluation = prompts.versions(id).get("versions").get(0).get("evaluation");
        assertThat(evaluation.get("checkRegressions").asInt()).isEqualTo(1);
        assertThat(evaluation.get("wins").asInt()).isEqualTo(2);
        assertThat(evaluation.get("cases").asInt()).isEqualTo(3);
    }

    @Test
    void withoutChecksTheJudgeDecidesAndAnUnreadableVerdictRejects() {
        OpenAiStubs.renderAnswers(model, "Some copy.");
        OpenAiStubs.judgeAnswers(model, "Both are lovely!");
        String id = prompts.create(Prompts.uniqueId("judge"), null);
        prompts.critiques(id, 3);

        JsonNode outcome = prompts.refine(refine, id);

        assertThat(outcome.get("status").asText()).isEqualTo("rejected");
        assertThat(OpenAiStubs.judgeCalls(model)).isEqualTo(2);
        JsonNode evaluation = prompts.versions(id).get("versions").get(0).get("evaluation");
        assertThat(evaluation.get("losses").asInt()).isEqualTo(1);
        assertThat(evaluation.get("promoted").asBoolean()).isFalse();
    }

    @Test
    void aJudgePreferringTheCandidateInBothOrdersPromotesIt() {
        OpenAiStubs.renderAnswers(model, "Plain copy.");
        OpenAiStubs.renderAnswersWhen(model, PRICE_RULE, "Better copy.");
        // the judge prefers whichever position holds "Better copy."
        model.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(OpenAiStubs.PATH)).atPriority(1)
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing(JudgePrompt.MARKER))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.matching(
                        "(?s).*output name=\\\\\"A\\\\\">Better copy.*"))
                .willReturn(OpenAiStubs.completion("{\"winner\": \"A\"}")));
        OpenAiStubs.judgeAnswersAtLowerPriority(model, "{\"winner\": \"B\"}");
        String id = prompts.create(Prompts.uniqueId("judged"), null);
        prompts.critiques(id, 3);

        JsonNode outcome = prompts.refine(refine, id);

        assertThat(outcome.get("status").asText()).as("%s", outcome).isEqualTo("refined");
        assertThat(prompts.versions(id).get("versions").get(0).get("evaluation").get("wins").asInt()).isEqualTo(1);
    }

    @Test
    void theDailyBudgetStopsRefinementAndSaysSoOnceInTheHistory() {
        OpenAiStubs.renderAnswers(model, "Aurora Lamp.");
        String id = prompts.create(Prompts.uniqueId("budget"), "{\"budget\": {\"maxModelCallsPerDay\": 2}}",
                Prompts.PRICE_CHECK);
        prompts.renderRows(id, "Aurora Lamp", "Borealis Lamp", "Cirrus Lamp");

        JsonNode first = prompts.refine(refine, id);
        JsonNode second = prompts.refine(refine, id);

        assertThat(first.get("status").asText()).isEqualTo("budget-exhausted");
        assertThat(second.get("status").asText()).isEqualTo("budget-exhausted");
        JsonNode versions = prompts.versions(id);
        assertThat(versions.get("versions")).hasSize(1);
        assertThat(versions.get("refinementUsage").get("modelCalls").asInt()).isEqualTo(2);
        List<String> events = new ArrayList<>();
        prompts.history(id).get("history").forEach(e -> events.add(e.get("reason").asText()));
        assertThat(events).filteredOn(e -> e.contains("budget")).hasSize(2);
        assertThat(events).filteredOn(e -> e.startsWith("daily refinement budget reached")).hasSize(1);
        assertThat(feedbackTable.itemsOf(id).stream().filter(f -> f.containsKey("pending")).count()).isEqualTo(3);
    }
}
