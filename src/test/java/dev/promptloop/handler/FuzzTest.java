package dev.promptloop.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.support.DynamoCallCounter;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static dev.promptloop.support.ApiGatewayEvents.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and random input to every handler, seeded so a failure replays: malformed JSON, wrong types, deep
 * nesting, invalid UTF-8, huge numbers and long strings, as HTTP bodies and as direct commands. The only outcomes
 * are success or a declared 4xx problem; never a 500, and a 4xx never leaves a write behind.
 */
@QuarkusTest
@PromptloopTest
class FuzzTest {

    static final long SEED = 20261126L;
    static final int CASES_PER_TARGET = 120;
    static final Set<Integer> DECLARED = Set.of(200, 201, 400, 404, 405, 409, 413, 422);

    @Inject
    PromptsHandler prompts;
    @Inject
    RenderHandler render;
    @Inject
    FeedbackHandler feedback;
    @Inject
    RefineHandler refine;
    @Inject
    Prompts steps;
    @InjectWireMock
    WireMockServer model;

    final Random random = new Random(SEED);

    @Test
    void everyHandlerAnswersRandomInputWithSuccessOrADeclaredProblem() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        String promptId = steps.create(Prompts.uniqueId("fuzz"), null);
        String renderId = steps.renderRow(promptId).get("renderId").asText();

        fuzzHttp("create", body -> prompts.handleRequest(v2(Route.CREATE_PROMPT, Map.of(), null).put("body", body), null));
        fuzzHttp("render", body -> render.handleRequest(v2(Route.RENDER, Map.of("id", promptId), null)
                .put("body", body), null));
        fuzzHttp("feedback", body -> feedback.handleRequest(v2(Route.FEEDBACK, Map.of("renderId", renderId), null)
                .put("body", body), null));
        fuzzHttp("move-label", body -> prompts.handleRequest(v2(Route.MOVE_LABEL,
                Map.of("id", promptId, "label", "fuzzed"), null).put("body", body), null));
        fuzzHttp("write-version", body -> prompts.handleRequest(v2(Route.CREATE_VERSION, Map.of("id", promptId),
                null).put("body", body), null));
        fuzzHttp("patch", body -> prompts.handleRequest(v2(Route.PATCH_PROMPT, Map.of("id", promptId), null)
                .put("body", body), null));
        fuzzHttp("version", segment -> prompts.handleRequest(v2(Route.GET_VERSION,
                Map.of("id", promptId, "version", segment.length() > 40 ? segment.substring(0, 40) : segment), null),
                null));
        fuzzHttp("list", query -> prompts.handleRequest(withQuery(v2(Route.LIST_PROMPTS, Map.of(), null), query),
                null));
        fuzzHttp("diff", query -> prompts.handleRequest(withQuery(v2(Route.DIFF_VERSION,
                Map.of("id", promptId, "version", "1"), null), query), null));
        fuzzHttp("add-case", body -> prompts.handleRequest(v2(Route.ADD_CASE, Map.of("id", promptId), null)
                .put("body", body), null));
        fuzzHttp("delete-case", segment -> prompts.handleRequest(v2(Route.DELETE_CASE,
                Map.of("id", promptId, "caseId", segment.length() > 40 ? segment.substring(0, 40) : segment), null),
                null));
        for (Route list : List.of(Route.LIST_HISTORY, Route.LIST_VERSIONS, Route.LIST_FEEDBACK, Route.LIST_CASES)) {
            fuzzHttp(list.name(), query -> prompts.handleRequest(withQuery(v2(list, Map.of("id", promptId), null),
                    query), null));
            fuzzHttp(list.name() + " query", ignored -> prompts.handleRequest(withQuery(v2(list,
                    Map.of("id", promptId), null), randomQuery()), null));
        }
        fuzzBase64(body -> render.handleRequest(v2(Route.RENDER, Map.of("id", promptId), null)
                .put("body", body).put("isBase64Encoded", true), null));
        for (var handler : List.<Function<JsonNode, JsonNode>>of(e -> prompts.handleRequest(e, null),
                e -> render.handleRequest(e, null), e -> feedback.handleRequest(e, null),
                e -> refine.handleRequest(e, null))) {
            fuzzDirect(handler);
        }
    }

    private void fuzzHttp(String target, Function<String, JsonNode> call) {
        for (int i = 0; i < CASES_PER_TARGET; i++) {
            String body = randomBody();
            int before = DynamoCallCounter.writes();
            JsonNode response = call.apply(body);
            int status = response.get("statusCode").asInt();
            assertThat(DECLARED).as("%s #%d %s -> %s", target, i, abbreviate(body), response).contains(status);
            if (status >= 400) {
                assertThat(response.get("headers").get("content-type").asText()).isEqualTo("application/problem+json");
                assertThat(DynamoCallCounter.writes()).as("%s #%d wrote nothing", target, i).isEqualTo(before);
            }
        }
    }

    private void fuzzBase64(Function<String, JsonNode> call) {
        for (int i = 0; i < CASES_PER_TARGET / 2; i++) {
            byte[] bytes = new byte[1 + random.nextInt(64)];
            random.nextBytes(bytes);
            String body = random.nextBoolean() ? Base64.getEncoder().encodeToString(bytes)
                    : new String(bytes, StandardCharsets.ISO_8859_1);
            JsonNode response = call.apply(body);
            assertThat(DECLARED).as("base64 #%d -> %s", i, response).contains(response.get("statusCode").asInt());
        }
    }

    private void fuzzDirect(Function<JsonNode, JsonNode> handler) {
        for (int i = 0; i < CASES_PER_TARGET / 2; i++) {
            JsonNode command = randomValue(0);
            JsonNode reply = handler.apply(command);
            if (reply.has("status") && reply.has("type")) {
                assertThat(reply.get("status").asInt()).as("direct #%d %s -> %s", i, command, reply)
                        .isBetween(400, 499);
            }
        }
    }

    /** Query strings of the list parameters and others, with values well and badly formed and encoded. */
    private String randomQuery() {
        List<String> names = List.of("limit", "cursor", "kind", "tag", "status", "version", "against", "x", "",
                "limit");
        List<String> pairs = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            String value = switch (random.nextInt(6)) {
                case 0 -> Integer.toString(random.nextInt(300) - 100);
                case 1 -> "%" + Integer.toHexString(random.nextInt(256));
                case 2 -> Base64.getUrlEncoder().encodeToString(randomText().getBytes(StandardCharsets.UTF_8));
                case 3 -> List.of("label-moved", "pending", "consumed", "all", "1").get(random.nextInt(5));
                case 4 -> "%E0%80";
                default -> URLEncoder.encode(randomText(), StandardCharsets.UTF_8);
            };
            pairs.add(names.get(random.nextInt(names.size())) + (random.nextInt(5) == 0 ? "" : "=" + value));
        }
        return String.join("&", pairs);
    }

    /** Mostly JSON of random shape, sometimes broken or hostile text. */
    private String randomBody() {
        return switch (random.nextInt(8)) {
            case 0 -> "{".repeat(1 + random.nextInt(200));
            case 1 -> "[".repeat(100) + "]".repeat(100);
            case 2 -> "{\"variables\": {\"name\": " + "9".repeat(1 + random.nextInt(400)) + "}}";
            case 3 -> "{\"rating\": 1e" + random.nextInt(1000) + ", \"version\": " + random.nextLong() + "}";
            case 4 -> "\"" + "x".repeat(random.nextInt(300_000)) + "\"";
            case 5 -> new String(new char[] {'{', '"', (char) (0xD800 + random.nextInt(0x400)), '"', ':', '1', '}'});
            default -> randomValue(0).toString();
        };
    }

    private JsonNode randomValue(int depth) {
        int kind = depth > 4 ? random.nextInt(5) : random.nextInt(8);
        return switch (kind) {
            case 0 -> JSON.getNodeFactory().nullNode();
            case 1 -> JSON.getNodeFactory().booleanNode(random.nextBoolean());
            case 2 -> JSON.getNodeFactory().numberNode(random.nextInt(20) - 5);
            case 3 -> JSON.getNodeFactory().numberNode(random.nextDouble() * Math.pow(10, random.nextInt(40)));
            case 4 -> JSON.getNodeFactory().textNode(randomText());
            case 5 -> {
                var array = JSON.createArrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(randomValue(depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = JSON.createObjectNode();
                List<String> names = List.of("id", "template", "user", "system", "variables", "version", "label",
                        "execute", "rating", "thumb", "critique", "tags", "checks", "action", "promptId", "renderId",
                        "refinement", "protectedRules", "key", "Records", "limit", "cursor", "kind", "description", "archived",
                        "ifMatch", "x");
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(names.get(random.nextInt(names.size())), randomValue(depth + 1));
                }
                yield object;
            }
        };
    }

    private String randomText() {
        return switch (random.nextInt(7)) {
            case 6 -> List.of("history", "versions", "version", "get", "move-label", "patch",
                    "write-version", "list").get(random.nextInt(8));
            case 0 -> "";
            case 1 -> "{{" + "a".repeat(random.nextInt(80));
            case 2 -> "x".repeat(random.nextInt(5_000));
            case 3 -> "up";
            case 4 -> "fuzz-" + random.nextInt(1000);
            default -> "\u0000\uFFFF💩" + random.nextInt();
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...(" + text.length() + " chars)";
    }
}
