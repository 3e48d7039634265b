package dev.promptloop.canary;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.handler.RenderHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.v1;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Canary promotion and automatic rollback on live feedback: a candidate that passed the gate serves a sticky share of
 * keyed renders; people's feedback decides it; a promoted production is watched and rolled back when it does worse.
 */
@QuarkusTest
@PromptloopTest
class CanaryTest {

    static final String PRICE_RULE = "Always state the price exactly as given.";
    static final String CHECKS = "{\"checks\": [{\"type\": \"contains-variable\", \"variable\": \"price\"}]}";

    @Inject
    Prompts prompts;
    @Inject
    RenderHandler render;
    @Inject
    RefineHandler refine;
    @InjectWireMock
    WireMockServer model;

    @BeforeEach
    void model() {
        model.resetAll();
        OpenAiStubs.optimizerAnswers(model, "{\"rules\": [{\"rule\": \"" + PRICE_RULE + "\", \"critiques\": [\"c1\"]}]}");
        OpenAiStubs.renderAnswers(model, "Aurora Lamp, light that follows you.");
        OpenAiStubs.renderAnswersWhen(model, PRICE_RULE, "Aurora Lamp for $49.99.");
    }

    @Test
    void aCanaryServesAStickyShareAndIsPromotedWhenPeoplePreferIt() {
        String id = canaryAtVersionTwo("canary-win");

        // keyed renders split between the versions, and the same key always gets the same version
        Map<String, Integer> versionByKey = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            versionByKey.put("user-" + i, renderFor(id, "user-" + i).get("version").asInt());
        }
        assertThat(versionByKey.values()).contains(1, 2);
        versionByKey.forEach((key, version) -> assertThat(renderFor(id, key).get("version").asInt()).isEqualTo(version));
        assertThat(renderWithoutKey(id).get("version").asInt()).as("no key, no canary").isEqualTo(1);

        // when people like the canary's outputs and dislike production's
        thumbs(id, versionByKey, 2, "up", 10);
        thumbs(id, versionByKey, 1, "down", 10);
        JsonNode outcome = prompts.refine(refine, id);

        // then the canary is production, watched against version 1
        JsonNode versions = prompts.versions(id);
        assertThat(versions.get("labels").get("production").asInt()).as("%s", outcome).isEqualTo(2);
        assertThat(versions.get("labels").has("candidate")).isFalse();
        assertThat(versions.has("canary")).isFalse();
        assertThat(versions.get("watch").get("version").asInt()).isEqualTo(2);
        assertThat(reasons(id)).anyMatch(r -> r.startsWith("canary promoted: P(canary v2 better than v1)"));
        assertThat(renderWithoutKey(id).get("version").asInt()).isEqualTo(2);
    }

    @Test
    void aCanaryPeopleDislikeIsRolledBackAndProductionNeverMoved() {
        String id = canaryAtVersionTwo("canary-lose");
        Map<String, Integer> versionByKey = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            versionByKey.put("user-" + i, renderFor(id, "user-" + i).get("version").asInt());
        }

        thumbs(id, versionByKey, 2, "down", 10);
        thumbs(id, versionByKey, 1, "up", 10);
        prompts.refine(refine, id);

        JsonNode versions = prompts.versions(id);
        assertThat(versions.get("labels").get("production").asInt()).isEqualTo(1);
        assertThat(versions.get("labels").get("rejected").asInt()).isEqualTo(2);
        assertThat(versions.has("canary")).isFalse();
        assertThat(versions.get("versions").get(0).get("status").asText()).isEqualTo("rolled-back");
        assertThat(reasons(id)).anyMatch(r -> r.startsWith("canary rolled back"));
        versionByKey.keySet().forEach(key -> assertThat(renderFor(id, key).get("version").asInt()).isEqualTo(1));
    }

    @Test
    void aPromotedProductionThatDoesWorseIsRolledBackAutomatically() {
        // given version 1 that people mostly liked, then version 2 promoted by the gate and watched against it
        String id = prompts.create(Prompts.uniqueId("watch"), null, CHECKS);
        for (String name : List.of("Aurora Lamp", "Borealis Lamp", "Cirrus Lamp")) {
            prompts.thumb(prompts.renderRow(id, Prompts.row(name)).get("renderId").asText(), "up");
            prompts.thumb(renderFor(id, name).get("renderId").asText(), "up");
            prompts.thumb(renderFor(id, name + " 2").get("renderId").asText(), "up");
        }
        assertThat(prompts.refine(refine, id).get("status").asText()).isEqualTo("refined");
        assertThat(prompts.versions(id).get("watch").get("version").asInt()).isEqualTo(2);

        // when people dislike nearly everything version 2 writes
        for (int i = 0; i < 12; i++) {
            String renderId = renderWithoutKey(id).get("renderId").asText();
            prompts.thumb(renderId, "down");
        }
        prompts.refine(refine, id);

        // then production is back on version 1, and version 2 says why
        JsonNode versions = prompts.versions(id);
        assertThat(versions.get("labels").get("production").asInt()).isEqualTo(1);
        assertThat(versions.has("watch")).isFalse();
        JsonNode v2 = versions.get("versions").get(0);
        assertThat(v2.get("status").asText()).isEqualTo("rolled-back");
        assertThat(reasons(id)).anyMatch(r -> r.startsWith("rolled back automatically: P(negative rate of v2"));
    }

    @Test
    void aWatchWithoutRegressionEndsAfterItsSamplesAndProductionStays() {
        // given version 2 promoted and watched, with a watch of at most 10 feedbacks
        String id = prompts.create(Prompts.uniqueId("watch-end"), "{\"canary\": {\"maxSamples\": 10}}", CHECKS);
        prompts.renderRows(id, "Aurora Lamp", "Borealis Lamp", "Cirrus Lamp");
        assertThat(prompts.refine(refine, id).get("status").asText()).isEqualTo("refined");

        // when people are happy with version 2
        for (int i = 0; i < 10; i++) {
            prompts.thumb(renderWithoutKey(id).get("renderId").asText(), "up");
        }
        prompts.refine(refine, id);

        // then the watch is over and version 2 stays production
        JsonNode versions = prompts.versions(id);
        assertThat(versions.has("watch")).isFalse();
        assertThat(versions.get("labels").get("production").asInt()).isEqualTo(2);
        assertThat(reasons(id)).anyMatch(r -> r.startsWith("watch of v2 ended after 10 feedbacks"));
    }

    @Test
    void withoutAKeyTheSubjectOfTheVerifiedTokenKeepsItsUserOnOneSide() {
        String id = canaryAtVersionTwo("canary-jwt");
        Map<String, Integer> versionBySubject = new HashMap<>();

        // when users behind the JWT authorizer render without a key
        for (int i = 0; i < 20; i++) {
            String subject = "cognito-user-" + i;
            var event = v2(Route.RENDER, Map.of("id", id), rowWithoutKey());
            ((ObjectNode) event.get("requestContext")).putObject("authorizer").putObject("jwt").putObject("claims")
                    .put("sub", subject);
            versionBySubject.put(subject, body(render.handleRequest(event, null)).get("version").asInt());
        }

        // then each gets the version its subject gets as an explicit key, and both versions serve...
        assertThat(versionBySubject.values()).contains(1, 2);
        versionBySubject.forEach((subject, version) ->
                assertThat(renderFor(id, subject).get("version").asInt()).as(subject).isEqualTo(version));
        // ...and so through a REST API's Cognito authorizer
        versionBySubject.forEach((subject, version) -> {
            var event = v1(Route.RENDER, Map.of("id", id), rowWithoutKey());
            ((ObjectNode) event.get("requestContext")).putObject("authorizer").putObject("claims")
                    .put("sub", subject);
            assertThat(body(render.handleRequest(event, null)).get("version").asInt()).as(subject).isEqualTo(version);
        });
    }

    private static String rowWithoutKey() {
        var body = JSON.createObjectNode().put("execute", false);
        Prompts.ROW.forEach(body.putObject("variables")::put);
        return body.toString();
    }

    /** A canary prompt (half the keys) whose version 2 passed the gate and now runs as the canary. */
    private String canaryAtVersionTwo(String prefix) {
        String id = prompts.create(Prompts.uniqueId(prefix), "{\"promotion\": \"canary\", \"canary\": {\"share\": 0.5}}",
                CHECKS);
        prompts.renderRows(id, "Aurora Lamp", "Borealis Lamp", "Cirrus Lamp");
        JsonNode outcome = prompts.refine(refine, id);
        assertThat(outcome.get("status").asText()).as("%s", outcome).isEqualTo("refined");
        JsonNode versions = prompts.versions(id);
        assertThat(versions.get("labels").get("candidate").asInt()).isEqualTo(2);
        assertThat(versions.get("canary").get("version").asInt()).isEqualTo(2);
        assertThat(prompts.refine(refine, id).get("status").asText()).isEqualTo("canary-running");
        return id;
    }

    private void thumbs(String id, Map<String, Integer> versionByKey, int version, String thumb, int count) {
        List<String> keys = versionByKey.entrySet().stream().filter(e -> e.getValue() == version)
                .map(Map.Entry::getKey).toList();
        for (int i = 0; i < count; i++) {
            prompts.thumb(renderFor(id, keys.get(i % keys.size())).get("renderId").asText(), thumb);
        }
    }

    private JsonNode renderFor(String id, String key) {
        var body = JSON.createObjectNode().put("key", key).put("execute", false);
        var variables = body.putObject("variables");
        Prompts.ROW.forEach(variables::put);
        return body(render.handleRequest(v2(Route.RENDER, Map.of("id", id), body.toString()), null));
    }

    private JsonNode renderWithoutKey(String id) {
        return prompts.renderRow(id);
    }

    private List<String> reasons(String id) {
        List<String> reasons = new ArrayList<>();
        prompts.history(id).get("history").forEach(e -> reasons.add(e.get("reason").asText()));
        return reasons;
    }
}
