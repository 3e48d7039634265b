package dev.promptloop.llm;

import dev.promptloop.wiring.PromptloopConfig;
import io.quarkiverse.langchain4j.auth.ModelAuthProvider;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

import java.time.Clock;
import java.time.Instant;

/**
 * Gives the OpenAI-compatible client its API key from Secrets Manager, so the key is never in the function's
 * environment. The secret is read on the first model call of a container and kept for
 * {@code promptloop.model.api-key-secret-refresh}; when a refresh fails the key already held is used on. Without
 * {@code promptloop.model.api-key-secret} this adds no header, and {@code quarkus.langchain4j.openai.api-key} applies.
 *
 * <p>The SDK client is built on first use from the standard AWS settings (region, credentials, and
 * {@code AWS_ENDPOINT_URL_SECRETS_MANAGER} where a different endpoint is wanted), and never logs the value.
 */
@Singleton
public class SecretApiKey implements ModelAuthProvider {

    private static final Logger LOG = Logger.getLogger(SecretApiKey.class);

    private final PromptloopConfig.Model config;
    private final Clock clock;
    private SecretsManagerClient client;
    private String key;
    private Instant readAt;

    @Inject
    SecretApiKey(PromptloopConfig config) {
        this(config.model(), Clock.systemUTC());
    }

    SecretApiKey(PromptloopConfig.Model config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    @Override
    public String getAuthorization(Input input) {
        return config.apiKeySecret().map(secretId -> "Bearer " + key(secretId)).orElse(null);
    }

    private synchronized String key(String secretId) {
        Instant now = clock.instant();
        if (key != null && now.isBefore(readAt.plus(config.apiKeySecretRefresh()))) {
            return key;
        }
        try {
            key = ApiKeySecretValue.parse(secretsManager()
                    .getSecretValue(request -> request.secretId(secretId)).secretString());
            readAt = now;
            LOG.infof("api_key_source=secrets-manager secret=%s outcome=read", secretId);
        } catch (RuntimeException e) {
            if (key == null) {
                throw new ApiKeyUnavailableException("the model's API key could not be read from Secrets Manager", e);
            }
            readAt = now; // keep serving with the key held; try the secret again after another refresh period
            LOG.warnf("api_key_source=secrets-manager secret=%s outcome=refresh-failed error=%s", secretId,
                    e.getClass().getSimpleName());
        }
        return key;
    }

    private SecretsManagerClient secretsManager() {
        if (client == null) {
            client = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
        }
        return client;
    }

    @PreDestroy
    synchronized void close() {
        if (client != null) {
            client.close();
        }
    }
}
