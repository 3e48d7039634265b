package dev.promptloop.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.MovableClock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The model's API key read from Secrets Manager (moto) at run time: sent to the model, read once per container,
 * re-read after the refresh period, kept when a refresh fails, and never in a response or a log line. The tests share
 * one container's key provider, so they run in order.
 */
@QuarkusTest
@PromptloopTest
@TestProfile(SecretApiKeyTest.KeyInSecretsManager.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecretApiKeyTest {

    static final String SECRET = "promptloop/test/openai";

    public static class KeyInSecretsManager implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("promptloop.model.api-key-secret", SECRET);
        }
    }

    @Inject
    Prompts prompts;
    @InjectWireMock
    WireMockServer model;
    @ConfigProperty(name = "quarkus.dynamodb.endpoint-override")
    String motoEndpoint;

    private final List<String> logLines = new ArrayList<>();
    private final Handler logCapture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(record.getMessage() + " " + (record.getParameters() == null ? ""
                        : List.of(record.getParameters())));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void pointTheSdkAtMoto() {
        // the provider builds its client from the standard AWS settings, as it does on Lambda
        Map.of("aws.endpointUrlSecretsManager", motoEndpoint, "aws.region", "us-east-1", "aws.accessKeyId", "test",
                "aws.secretAccessKey", "test").forEach(System::setProperty);
        Logger.getLogger("").addHandler(logCapture);
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "a rendered answer");
    }

    @AfterEach
    void stopCapturing() {
        Logger.getLogger("").removeHandler(logCapture);
    }

    @AfterAll
    static void forgetTheSdkSettings() {
        // the next test classes run in this JVM
        List.of("aws.endpointUrlSecretsManager", "aws.region", "aws.accessKeyId", "aws.secretAccessKey")
                .forEach(System::clearProperty);
    }

    @Test
    @Order(1)
    void whileTheSecretCannotBeReadARenderAnswers503AndTheModelIsNotCalled() {
        deleteSecret();
        String id = prompts.create(Prompts.uniqueId("secret-missing"), null);

        JsonNode reply = prompts.renderResponse(id, Prompts.ROW);

        assertThat(status(reply)).isEqualTo(503);
        assertThat(reply.get("headers").get("Retry-After")).isNotNull();
        assertThat(model.findAll(postRequestedFor(urlPathEqualTo(OpenAiStubs.PATH)))).isEmpty();
    }

    @Test
    @Order(2)
    void theKeyIsReadFromTheSecretOnceAndSentToTheModelButNeverShown() {
        putSecret("{\"api_key\":\"sk-from-secrets-manager-1\"}");
        String id = prompts.create(Prompts.uniqueId("secret"), null);

        JsonNode first = prompts.renderResponse(id, Prompts.ROW);
        putSecret("{\"api_key\":\"sk-rotated-2\"}");
        JsonNode second = prompts.renderResponse(id, Prompts.ROW);

        assertThat(status(first)).isEqualTo(200);
        assertThat(status(second)).isEqualTo(200);
        assertThat(authorizationHeaders()).as("read once per container, within the refresh period")
                .containsExactly("Bearer sk-from-secrets-manager-1", "Bearer sk-from-secrets-manager-1");
        assertThat(first.toString() + second).doesNotContain("sk-from-secrets-manager-1");
        synchronized (logLines) {
            assertThat(logLines).isNotEmpty().noneMatch(line -> line.contains("sk-"));
        }
    }

    @Test
    @Order(3)
    void aRotatedKeyIsReadAfterTheRefreshPeriodAndAFailedRefreshKeepsTheKeyHeld() {
        var clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
        var provider = new SecretApiKey(modelConfig(Duration.ofMinutes(10)), clock);
        putSecret("{\"api_key\":\"sk-first\"}");
        assertThat(provider.getAuthorization(null)).isEqualTo("Bearer sk-first");

        putSecret("plain-sk-second");
        clock.advance(Duration.ofMinutes(9));
        assertThat(provider.getAuthorization(null)).as("within the period").isEqualTo("Bearer sk-first");
        clock.advance(Duration.ofMinutes(2));
        assertThat(provider.getAuthorization(null)).as("after the period, a plain SecretString")
                .isEqualTo("Bearer plain-sk-second");

        deleteSecret();
        clock.advance(Duration.ofMinutes(11));
        assertThat(provider.getAuthorization(null)).as("refresh failed: the key held is kept")
                .isEqualTo("Bearer plain-sk-second");
        provider.close();
    }

    @Test
    @Order(4)
    void withoutAKeyEverReadTheProviderFailsAsUnavailable() {
        deleteSecret();
        var provider = new SecretApiKey(modelConfig(Duration.ofMinutes(10)), Clock.systemUTC());

        assertThatThrownBy(() -> provider.getAuthorization(null)).isInstanceOf(ApiKeyUnavailableException.class);
        provider.close();
    }


    private List<String> authorizationHeaders() {
        return model.findAll(postRequestedFor(urlPathEqualTo(OpenAiStubs.PATH))).stream()
                .map(request -> request.getHeader("Authorization")).toList();
    }

    private void putSecret(String value) {
        try (var secrets = secretsManager()) {
            try {
                secrets.putSecretValue(request -> request.secretId(SECRET).secretString(value));
            } catch (ResourceNotFoundException e) {
                secrets.createSecret(request -> request.name(SECRET).secretString(value));
            }
        }
    }

    private void deleteSecret() {
        try (var secrets = secretsManager()) {
            secrets.deleteSecret(request -> request.secretId(SECRET).forceDeleteWithoutRecovery(true));
        } catch (ResourceNotFoundException e) {
            // already gone
        }
    }

    private static SecretsManagerClient secretsManager() {
        return SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static ModelConfig modelConfig(Duration refresh) {
        return new ModelConfig("openai", Optional.of(SECRET), refresh);
    }
}
