package dev.promptloop.render;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.support.DynamoCallCounter;
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

/** DynamoDB round trips per request with a warm container and the production cache settings. */
@QuarkusTest
@PromptloopTest
@TestProfile(RoundTripsTest.WarmCache.class)
public class RoundTripsTest {

    public static class WarmCache implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("promptloop.render-cache.head-ttl", "PT60S");
        }
    }

    @Inject
    Prompts prompts;
    @InjectWireMock
    WireMockServer model;

    @Test
    void aWarmRenderIsOneWriteAndFeedbackIsOneConditionalWrite() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        String id = prompts.create(Prompts.uniqueId("trips"), null);
        String renderId = prompts.renderRow(id).get("renderId").asText();

        DynamoCallCounter.reset();
        for (int i = 0; i < 10; i++) {
            prompts.renderRow(id);
        }
        assertThat(DynamoCallCounter.calls()).isEqualTo(Map.of("PutItem", 10));

        DynamoCallCounter.reset();
        prompts.thumb(renderId, "up");
        assertThat(DynamoCallCounter.calls()).isEqualTo(Map.of("TransactWriteItems", 1));
    }
}
