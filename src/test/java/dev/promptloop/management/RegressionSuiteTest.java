package dev.promptloop.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.store.TableNames;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.ManagementApi;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A prompt's regression suite outlives the renders it was made of: every render whose critiques a version learned
 * from becomes a fixed case, and every later candidate is replayed on those cases against production, so a fix
 * learned in week one cannot be undone in week five unnoticed.
 */
@QuarkusTest
@PromptloopTest
class RegressionSuiteTest {

    static final String PRICE_RULE = "Always state the price exactly as given in the input.";

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
    @InjectWireMock
    WireMockServer model;

    @BeforeEach
    void theModelForgetsThePriceUnlessARuleAsksForIt() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Aurora Lamp, light that follows you.");
        OpenAiStubs.renderAnswersWhen(model, PRICE_RULE, "Aurora Lamp for $49.99, light that follows you.");
        OpenAiStubs.optimizerAnswers(model, "{\"rules\": [{\"rule\": \"" + PRICE_RULE
                + "\", \"critiques\": [\"c1\", \"c2\", \"c3\"]}]}");
    }

    @Test
    void aFixLearnedFromRendersThatHaveSinceExpiredStillRejectsAVersionThatUndoesIt() {
        // given three renders that failed the price check, learned from by version 2
        String id = prompts.create(Prompts.uniqueId("suite-fix"), null, Prompts.PRICE_CHECK);
        prompts.renderRows(id, "Aurora Lamp", "Borealis Lamp", "Cirrus Lamp");
        assertThat(prompts.refine(refine, id).get("status").asText()).isEqualTo("refined");
        assertThat(prompts.versions(id).at("/labels/production").asInt()).isEqualTo(2);
        JsonNode rule = body(api.get(Route.GET_VERSION, Map.of("id", id, "version", "2"), "")).at("/rules/0");
        assertThat(rule.at("/gates/0/version").asInt()).as("the rule's credit: the gate passed it").isEqualTo(2);
        assertThat(rule.at("/gates/0/passed").asBoolean()).isTrue();
        assertThat(rule.get("recurrences")).isEmpty();

        // then the suite holds a fixed case for each of them, with what was wrong and who learned from it
        List<JsonNode> cases = cases(id);
        assertThat(cases).hasSize(3).allSatisfy(c -> {
            assertThat(c.get("kind").asText()).isEqualTo("fixed");
            assertThat(c.get("learnedBy").asInt()).isEqualTo(2);
            assertThat(c.get("version").asInt()).isEqualTo(1);
            assertThat(c.get("output").asText()).isEqualTo("Aurora Lamp, light that follows you.");
            assertThat(c.get("critiques").get(0).asText()).contains("price");
            assertThat(c.get("feedbackIds")).hasSize(1);
        });
        assertThat(cases.stream().map(c -> c.at("/variables/name").asText()))
                .containsExactlyInAnyOrder("Aurora Lamp", "Borealis Lamp", "Cirrus Lamp");

        // when every render expires, and the owner writes a version without the learned rules, to be evaluated
        expireRenders(id);
        JsonNode written = api.call(Route.CREATE_VERSION, Map.of("id", id), "",
                "{\"rules\": \"reset\", \"evaluate\": true, \"reason\": \"start the rules afresh\"}",
                ManagementApi.OWNER);
        assertThat(status(written)).as("%s", written).isEqualTo(202);
        prompts.refine(refine, id);

        // then the gate replayed the stored cases, found the price check broken on one, and rejected the version
        JsonNode after = prompts.versions(id);
        assertThat(after.at("/labels/production").asInt()).isEqualTo(2);
        assertThat(after.at("/labels/rejected").asInt()).isEqualTo(3);
        JsonNode failed = body(api.get(Route.LIST_HISTORY, Map.of("id", id), "kind=gate-failed")).get("history");
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).get("reason").asText()).contains("failed a check production passed on earlier case f-")
                .contains("over 1 cases");
    }

    @Test
    void theOwnerAddsListsReplacesAndDeletesCasesEachRecordedInTheHistory() {
        // given a prompt
        String id = prompts.create(Prompts.uniqueId("suite-owner"), null);

        // when its owner adds two cases, one with a check and one with a note, and posts the first inputs again
        JsonNode first = add(id, "Aurora Lamp", "\"checks\": [{\"type\": \"contains\", \"value\": \"Oslo\"}]");
        JsonNode second = add(id, "Borealis Lamp", "\"note\": \"Says the lamp dims itself at night.\"");
        JsonNode again = add(id, "aurora  lamp", "\"note\": \"Mentions Oslo.\"");

        // then each is stored as the owner's, and the inputs posted again replaced the first case's expectation
        assertThat(status(first)).as("%s", first).isEqualTo(201);
        assertThat(status(second)).isEqualTo(201);
        String firstId = body(first).at("/case/caseId").asText();
        assertThat(firstId).matches("o-[0-9a-f]{16}");
        assertThat(body(again).at("/case/caseId").asText()).isEqualTo(firstId);
        assertThat(body(first).at("/case/author").asText()).isEqualTo(ManagementApi.OWNER);
        assertThat(body(first).at("/case/version").asInt()).isEqualTo(1);
        JsonNode page = body(api.get(Route.LIST_CASES, Map.of("id", id), "limit=1"));
        assertThat(page.get("cases")).hasSize(1);
        JsonNode rest = body(api.get(Route.LIST_CASES, Map.of("id", id), "limit=1&cursor=" + page.get("next").asText()));
        assertThat(rest.get("cases")).hasSize(1);
        assertThat(rest.has("next")).isFalse();
        JsonNode replaced = cases(id).stream().filter(c -> c.get("caseId").asText().equals(firstId)).findFirst()
                .orElseThrow();
        assertThat(replaced.get("note").asText()).isEqualTo("Mentions Oslo.");
        assertThat(replaced.get("checks")).isEmpty();

        // when it deletes the first, and then tries to delete it again and a made-up id
        JsonNode deleted = api.call(Route.DELETE_CASE, Map.of("id", id, "caseId", firstId), "", null,
                ManagementApi.OWNER);
        JsonNode twice = api.call(Route.DELETE_CASE, Map.of("id", id, "caseId", firstId), "", null,
                ManagementApi.OWNER);
        JsonNode madeUp = api.call(Route.DELETE_CASE, Map.of("id", id, "caseId", "no-such-case"), "", null,
                ManagementApi.OWNER);

        // then the reply holds what the case was, one case is left, and the others are not found
        assertThat(status(deleted)).isEqualTo(200);
        assertThat(body(deleted).at("/case/note").asText()).isEqualTo("Mentions Oslo.");
        assertThat(cases(id)).hasSize(1);
        assertThat(status(twice)).isEqualTo(404);
        assertThat(body(twice).get("type").asText()).endsWith(":case-not-found");
        assertThat(status(madeUp)).isEqualTo(404);
        JsonNode history = body(api.get(Route.LIST_HISTORY, Map.of("id", id), "")).get("history");
        assertThat(history.get(0).get("kind").asText()).isEqualTo("case-deleted");
        assertThat(history.get(0).get("reason").asText()).contains(firstId);
        assertThat(history.get(0).get("actor").asText()).isEqualTo(ManagementApi.OWNER);
        assertThat(kinds(history)).containsExactly("case-deleted", "case-added", "case-added", "case-added",
                "created");
    }

    @Test
    void aCaseTheTemplateCannotRenderOrThatExpectsNothingIsRefusedAndNothingIsWritten() {
        String id = prompts.create(Prompts.uniqueId("suite-bad"), null);
        String full = variables("Aurora Lamp");

        assertProblem(post(id, "{\"variables\": {\"name\": \"x\"}, \"note\": \"n\"}"), 422, "missing-variables");
        assertProblem(post(id, "{\"variables\": " + full.replace("}", ", \"size\": \"XL\"}")
                + ", \"note\": \"n\"}"), 422, "unknown-variables");
        assertProblem(post(id, "{\"variables\": " + full + "}"), 422, "empty-expectation");
        assertProblem(post(id, "{\"variables\": " + full + ", \"note\": \"  \"}"), 422, "invalid-note");
        assertProblem(post(id, "{\"variables\": " + full + ", \"note\": \"" + "n".repeat(2_001) + "\"}"), 413,
                "note-too-large");
        assertProblem(post(id, "{\"variables\": " + full + ", \"checks\": [{\"type\": \"telepathy\"}]}"), 422,
                "invalid-check");
        assertProblem(post(id, "{\"variables\": " + full + ", \"checks\": [{\"type\": \"contains-variable\", "
                + "\"variable\": \"size\"}]}"), 422, "invalid-check");
        assertProblem(post(id, "{\"variables\": " + full + ", \"note\": \"n\", \"expected\": \"x\"}"), 400,
                "unknown-field");
        assertProblem(post(id, "{\"note\": \"n\"}"), 400, "invalid-field");
        assertProblem(post("no-such-prompt", "{\"variables\": " + full + ", \"note\": \"n\"}"), 404,
                "prompt-not-found");

        assertThat(cases(id)).isEmpty();
        assertThat(kinds(body(api.get(Route.LIST_HISTORY, Map.of("id", id), "")).get("history")))
                .containsExactly("created");
    }

    @Test
    void theOwnersShareOfTheSuiteIsBounded() {
        // given a prompt whose owner has posted as many cases as the suite keeps of them
        String id = prompts.create(Prompts.uniqueId("suite-full"), null);
        for (int i = 0; i < 50; i++) {
            assertThat(status(add(id, "Lamp " + i, "\"note\": \"n\""))).isEqualTo(201);
        }

        // when it posts one more, and replaces one it has
        JsonNode more = add(id, "Lamp 50", "\"note\": \"n\"");
        JsonNode replacing = add(id, "Lamp 7", "\"note\": \"a better note\"");

        // then the new one is refused and the replacement is not
        assertProblem(more, 409, "suite-full");
        assertThat(status(replacing)).isEqualTo(201);
        assertThat(cases(id)).hasSize(50);
    }

    private JsonNode add(String id, String name, String expectation) {
        return post(id, "{\"variables\": " + variables(name) + ", " + expectation + "}");
    }

    private JsonNode post(String id, String body) {
        return api.call(Route.ADD_CASE, Map.of("id", id), "", body, ManagementApi.OWNER);
    }

    private static String variables(String name) {
        var row = Prompts.row(name);
        var json = new StringBuilder("{");
        row.forEach((k, v) -> json.append(json.length() > 1 ? ", " : "").append('"').append(k).append("\": \"")
                .append(v).append('"'));
        return json.append('}').toString();
    }

    private List<JsonNode> cases(String id) {
        JsonNode reply = api.get(Route.LIST_CASES, Map.of("id", id), "limit=100");
        assertThat(status(reply)).as("%s", reply).isEqualTo(200);
        List<JsonNode> cases = new ArrayList<>();
        body(reply).get("cases").forEach(cases::add);
        return cases;
    }

    private static List<String> kinds(JsonNode history) {
        List<String> kinds = new ArrayList<>();
        history.forEach(e -> kinds.add(e.get("kind").asText()));
        return kinds;
    }

    private static void assertProblem(JsonNode reply, int status, String type) {
        assertThat(status(reply)).as("%s", reply).isEqualTo(status);
        assertThat(body(reply).get("type").asText()).endsWith(":" + type);
    }

    /** What DynamoDB's TTL does to renders after a week: they are gone, their feedback and the suite stay. */
    private void expireRenders(String id) {
        var renders = dynamo.scanPaginator(s -> s.tableName(tables.renders())).items().stream()
                .filter(item -> item.get("renderId").s().startsWith(id + ".")).toList();
        assertThat(renders).isNotEmpty();
        renders.forEach(item -> dynamo.deleteItem(d -> d.tableName(tables.renders())
                .key(Map.of("renderId", AttributeValue.fromS(item.get("renderId").s())))));
    }
}
