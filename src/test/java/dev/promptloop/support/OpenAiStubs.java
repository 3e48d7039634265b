package dev.promptloop.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.evaluation.JudgePrompt;
import dev.promptloop.refinement.OptimizerPrompt;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.not;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** Stubs of the OpenAI chat completions API: one for renders, one for the optimizer, told apart by its marker. */
public final class OpenAiStubs {

    public static final String PATH = "/v1/chat/completions";
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiStubs() {
    }

    /** Every render call answers {@code text}. */
    public static void renderAnswers(WireMockServer server, String text) {
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(5)
                .withRequestBody(not(containing(OptimizerPrompt.MARKER)))
                .willReturn(completion(text)));
    }

    /** Every render call answers {@code text} after {@code millis}, to hold a request open. */
    public static void renderAnswersSlowly(WireMockServer server, String text, int millis) {
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(5)
                .withRequestBody(not(containing(OptimizerPrompt.MARKER)))
                .willReturn(completion(text).withFixedDelay(millis)));
    }

    /**
     * Render calls whose request contains {@code marker} (a learned rule in the system message, say) answer
     * {@code text}; this stub wins over {@link #renderAnswers}.
     */
    public static void renderAnswersWhen(WireMockServer server, String marker, String text) {
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(1)
                .withRequestBody(containing(marker))
                .withRequestBody(not(containing(OptimizerPrompt.MARKER)))
                .withRequestBody(not(containing(JudgePrompt.MARKER)))
                .willReturn(completion(text)));
    }

    /** Every judge call answers {@code text}. */
    public static void judgeAnswers(WireMockServer server, String text) {
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(1).withRequestBody(containing(JudgePrompt.MARKER))
                .willReturn(completion(text)));
    }

    /** Every optimizer call answers {@code text} (normally the rules JSON). */
    public static void optimizerAnswers(WireMockServer server, String text) {
        server.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing(OptimizerPrompt.MARKER))
                .willReturn(completion(text)));
    }

    /** Every optimizer answer proposes a rule never seen before, so every refinement can write a version. */
    public static void optimizerAnswersANewRuleEachTime(WireMockServer server) {
        server.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing(OptimizerPrompt.MARKER))
                .willReturn(completion("{\"rules\": [{\"rule\": \"Mention detail "
                        + "{{randomValue length=10 type='ALPHANUMERIC'}}.\", \"critiques\": [\"c1\"]}]}")
                        .withTransformers("response-template")));
    }

    /** The optimizer answers after {@code millis}, to hold refinements open at the same time. */
    public static void optimizerAnswersSlowly(WireMockServer server, String text, int millis) {
        server.stubFor(post(urlPathEqualTo(PATH)).withRequestBody(containing(OptimizerPrompt.MARKER))
                .willReturn(completion(text).withFixedDelay(millis)));
    }

    public static void modelFails(WireMockServer server, int status) {
        server.stubFor(post(urlPathEqualTo(PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("content-type", "application/json").withBody("{\"error\":{\"message\":\"down\"}}")));
    }

    public static int judgeCalls(WireMockServer server) {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH))
                .withRequestBody(containing(JudgePrompt.MARKER))).size();
    }

    /** The bodies of the optimizer requests, as sent. */
    public static java.util.List<String> optimizerRequests(WireMockServer server) {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH))
                .withRequestBody(containing(OptimizerPrompt.MARKER))).stream()
                .map(r -> r.getBodyAsString()).toList();
    }

    public static int optimizerCalls(WireMockServer server) {
        return server.findAll(postRequestedFor(urlPathEqualTo(PATH))
                .withRequestBody(containing(OptimizerPrompt.MARKER))).size();
    }

    /** Judge calls no more specific stub matched answer {@code text}. */
    public static void judgeAnswersAtLowerPriority(WireMockServer server, String text) {
        server.stubFor(post(urlPathEqualTo(PATH)).atPriority(3).withRequestBody(containing(JudgePrompt.MARKER))
                .willReturn(completion(text)));
    }

    public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder completion(String text) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", "chatcmpl-test");
        body.put("object", "chat.completion");
        body.put("created", 1_700_000_000);
        body.put("model", "gpt-test");
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", text);
        choice.put("finish_reason", "stop");
        body.putObject("usage").put("prompt_tokens", 11).put("completion_tokens", 7).put("total_tokens", 18);
        return aResponse().withStatus(200).withHeader("content-type", "application/json").withBody(body.toString());
    }
}
