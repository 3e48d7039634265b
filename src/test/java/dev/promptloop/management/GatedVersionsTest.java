package dev.promptloop.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.local.EventSourceMapping;
import dev.promptloop.local.StreamFilter;
import dev.promptloop.local.StreamMappingSettings;
import dev.promptloop.store.TableNames;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.ManagementApi;
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

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hand-written version posted with {@code evaluate: true} waits, unlabelled, for the evaluation gate against
 * production, which the refine function runs when the version's insert reaches it through the prompts table's stream:
 * production if it passes (watched), rejected if not, abandoned when no verdict can be had.
 */
@QuarkusTest
@PromptloopTest
class GatedVersionsTest {

    static final String PRICE_RULE = "State the price exactly as given.";
    static final String WITH_THE_PRICE_RULE = "{\"protectedRules\": [\"" + PRICE_RULE + "\"], \"evaluate\": true}";

    @Inject
    Prompts prompts;
    @Inject
    ManagementApi api;
    @Inject
    RefineHandler refine;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    TableNames tables;
    @ConfigProperty(name = "quarkus.dynamodb.endpoint-override")
    String endpoint;
    @InjectWireMock
    WireMockServer model;

    @BeforeEach
    void productionForgetsThePriceAndTheRuleStatesIt() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Aurora Lamp, light that follows you.");
        OpenAiStubs.renderAnswersWhen(model, PRICE_RULE, "Aurora Lamp for $49.99, light that follows you.");
    }

    @Test
    void aVersionThatFixesTheFailingCheckPassesTheGateThroughTheStreamAndBecomesWatchedProduction() {
        // given a prompt whose production failed its price check on three renders
        String id = prompts.create(Prompts.uniqueId("gate-pass"), null, Prompts.PRICE_CHECK);
        prompts.renderRows(id, "Aurora Lamp", "Borealis Lamp", "Cirrus Lamp");

        // when its owner writes a version with a rule for the price, to be evaluated first
        JsonNode written = write(id, WITH_THE_PRICE_RULE);

        // then it is accepted, numbered and unlabelled while it waits, and production has not moved
        assertThat(status(written)).as("%s", written).isEqualTo(202);
        assertThat(body(written).get("version").asInt()).isEqualTo(2);
        assertThat(body(written).get("status").asText()).isEqualTo("evaluating");
        assertThat(body(written).get("labels")).isEmpty();
        JsonNode waiting = prompts.versions(id);
        assertThat(waiting.get("labels").get("production").asInt()).isEqualTo(1);
        assertThat(waiting.at("/gate/version").asInt()).isEqualTo(2);
        assertThat(waiting.at("/gate/baseline").asInt()).isEqualTo(1);

        // when the refine function receives what the prompts table's stream lets through to it
        int invocations = deliverGateRequests(id);

        // then one invocation decided the gate: version 2 won on the checks and is production, watched against 1
        assertThat(invocations).isEqualTo(1);
        JsonNode after = prompts.versions(id);
        assertThat(after.get("labels").get("production").asInt()).isEqualTo(2);
        assertThat(after.has("gate")).isFalse();
        assertThat(after.at("/watch/version").asInt()).isEqualTo(2);
        assertThat(after.at("/watch/baseline").asInt()).isEqualTo(1);
        assertThat(after.at("/refinementUsage/modelCalls").asInt()).as("the gate's calls count into the budget")
                .isEqualTo(3);
        JsonNode passed = lastEvent(id, "gate-passed");
        assertThat(passed.get("to").asInt()).isEqualTo(2);
        assertThat(passed.get("actor").asText()).isEqualTo("refine");
        assertThat(passed.get("reason").asText()).startsWith("against version 1: promoted: 3 wins");
    }

    @Test
    void aVersionThatLosesTheCheckProductionPassesFailsTheGateAndIsRejected() {
        // given production states the price, and a version whose rule makes the model drop it
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Aurora Lamp for $49.99.");
        OpenAiStubs.renderAnswersWhen(model, PRICE_RULE, "Aurora Lamp, light that follows you.");
        String id = prompts.create(Prompts.uniqueId("gate-fail"), null, Prompts.PRICE_CHECK);
        prompts.renderRows(id, "Aurora Lamp", "Borealis Lamp");
        prompts.critique(prompts.renderRow(id).get("renderId").asText(), "too long");

        // when the owner's version is evaluated
        assertThat(status(write(id, WITH_THE_PRICE_RULE))).isEqualTo(202);
        prompts.refine(refine, id);

        // then it carries the rejected label and production stays
        JsonNode after = prompts.versions(id);
        assertThat(after.get("labels").get("production").asInt()).isEqualTo(1);
        assertThat(after.get("labels").get("rejected").asInt()).isEqualTo(2);
        assertThat(after.has("gate")).isFalse();
        assertThat(after.has("watch")).isFalse();
        assertThat(lastEvent(id, "gate-failed").get("reason").asText()).contains("failed a check production passed");
        JsonNode reply = api.get(Route.GET_VERSION, Map.of("id", id, "version", "2"), "");
        JsonNode v2 = body(reply);
        assertThat(v2.get("status").asText()).isEqualTo("rejected");
        assertThat(reply.at("/headers/ETag").asText()).as("one version carries its prompt's revision too")
                .isEqualTo("\"" + v2.get("revision").asLong() + "\"");
    }

    @Test
    void withNothingRenderedToReplayTheGateIsAbandonedAndTheVersionStaysUnlabelled() {
        // given a prompt nobody rendered yet, and a version to be evaluated
        String id = prompts.create(Prompts.uniqueId("gate-empty"), null, Prompts.PRICE_CHECK);

        assertThat(status(write(id, WITH_THE_PRICE_RULE))).isEqualTo(202);

        // when the refine function takes the gate up
        JsonNode outcome = prompts.refine(refine, id);

        // then no verdict: the gate ends, nothing is labelled, no model call was spent, and refinement went on
        JsonNode after = prompts.versions(id);
        assertThat(after.get("labels").properties()).as("production alone").hasSize(1);
        assertThat(after.at("/labels/production").asInt()).isEqualTo(1);
        assertThat(after.has("gate")).isFalse();
        assertThat(lastEvent(id, "gate-abandoned").get("reason").asText()).contains("no evaluation cases");
        assertThat(outcome.get("status").asText()).isEqualTo("below-threshold");
        assertThat(after.at("/refinementUsage/modelCalls").asInt()).isZero();
    }

    @Test
    void whileAGateWaitsOnlyAVersionStraightToProductionIsWrittenAndItEndsTheGate() {
        // given a version waiting for its gate
        String id = prompts.create(Prompts.uniqueId("gate-wait"), null, Prompts.PRICE_CHECK);
        assertThat(status(write(id, WITH_THE_PRICE_RULE))).isEqualTo(202);

        // when a candidate is written, one asks for evaluation without promotion, and one goes straight to production
        JsonNode candidate = write(id, "{\"reason\": \"another edit\"}");
        JsonNode contradictory = write(id, "{\"evaluate\": true, \"promote\": false}");
        JsonNode urgent = write(id, "{\"reason\": \"urgent fix\", \"promote\": true}");

        // then the first two are refused, and the urgent one is production and ends the gate without a verdict
        assertThat(status(candidate)).isEqualTo(409);
        assertThat(body(candidate).get("type").asText()).endsWith(":gate-pending");
        assertThat(status(contradictory)).isEqualTo(400);
        assertThat(body(contradictory).get("type").asText()).endsWith(":invalid-evaluate");
        assertThat(status(urgent)).isEqualTo(201);
        JsonNode after = prompts.versions(id);
        assertThat(after.get("latestVersion").asInt()).isEqualTo(3);
        assertThat(after.at("/labels/production").asInt()).isEqualTo(3);
        assertThat(after.has("gate")).isFalse();
        assertThat(lastEvent(id, "gate-abandoned").get("reason").asText()).contains("version 3 was written by hand");
    }

    private JsonNode write(String id, String body) {
        return api.call(Route.CREATE_VERSION, Map.of("id", id), "", body, ManagementApi.OWNER);
    }

    private JsonNode lastEvent(String id, String kind) {
        JsonNode events = body(api.get(Route.LIST_HISTORY, Map.of("id", id), "kind=" + kind)).get("history");
        assertThat(events).as("%s events of %s", kind, id).isNotEmpty();
        return events.get(0);
    }

    /** The prompts table's stream, through the template's filter for gate requests, to the refine function. */
    private int deliverGateRequests(String id) {
        try (var tap = new StreamTap(dynamo, endpoint, tables.prompts())) {
            List<software.amazon.awssdk.services.dynamodb.model.Record> records = new ArrayList<>();
            tap.readAll().stream().filter(r -> id.equals(r.dynamodb().keys().get("pk").s())).forEach(records::add);
            var mapping = new EventSourceMapping(refine, tap.streamArn(), "us-east-1", StreamMappingSettings.TEMPLATE,
                    StreamFilter.GATE_REQUESTS, discarded -> {
                        throw new AssertionError("a gate request was discarded: " + discarded.destinationMessage());
                    }, Clock.systemUTC());
            return mapping.deliver(records);
        }
    }
}
