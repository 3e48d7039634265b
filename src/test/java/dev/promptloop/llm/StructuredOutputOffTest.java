package dev.promptloop.llm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** For an endpoint that refuses response_format, one setting leaves it out; the answer is still read tolerantly. */
@QuarkusTest
@PromptloopTest
@TestProfile(StructuredOutputOffTest.WithoutStructuredOutput.class)
class StructuredOutputOffTest {

    public static class WithoutStructuredOutput implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("promptloop.model.structured-output", "false");
        }
    }

    @Inject
    Prompts prompts;
    @Inject
    RefineHandler refine;
    @InjectWireMock
    WireMockServer model;

    @Test
    void theOptimizerAsksForNoSchemaAndItsProseWrappedAnswerStillMakesAVersion() throws Exception {
        // given structured output is off, and a model that wraps its rules in prose
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Aurora Lamp.");
        OpenAiStubs.optimizerAnswers(model, "Sure! Here are the rules: {\"rules\": [{\"rule\": "
                + "\"State the price exactly as given.\", \"critiques\": [\"c1\", \"c2\"]}]} Let me know.");
        String id = prompts.create(Prompts.uniqueId("no-schema"), "{\"promotion\": \"auto\"}");
        prompts.critiques(id, 3);

        // when the prompt is refined
        var outcome = prompts.refine(refine, id);

        // then the request carried no response_format, and the rule was learned
        var request = new ObjectMapper().readTree(OpenAiStubs.optimizerRequests(model).get(0));
        assertThat(request.has("response_format")).isFalse();
        assertThat(outcome.get("status").asText()).as("%s", outcome).isEqualTo("refined");
        assertThat(prompts.versions(id).get("versions").get(0).get("rules")).hasSize(1);
    }
}
