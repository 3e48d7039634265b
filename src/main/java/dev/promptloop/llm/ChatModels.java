package dev.promptloop.llm;

import dev.promptloop.render.ChatModel;
import dev.promptloop.wiring.PromptloopConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Chooses the model the core talks to: an OpenAI-compatible endpoint, or the built-in simulated model. The endpoint's
 * adapter is a client proxy, so nothing is built or connects until it is called.
 */
public class ChatModels {

    private static final Logger LOG = Logger.getLogger(ChatModels.class);
    static final String UNSET = "none";
    static final String DEFAULT_BASE_URL = "https://api.openai.com/v1/";

    @Produces
    @Singleton
    ChatModel chatModel(PromptloopConfig config, OpenAiChatModel openAi,
            @ConfigProperty(name = "quarkus.langchain4j.openai.api-key") String apiKey,
            @ConfigProperty(name = "quarkus.langchain4j.openai.base-url") String baseUrl) {
        if (!usesEndpoint(config.model(), apiKey, baseUrl)) {
            LOG.infof("model=%s reason=%s", SimulatedChatModel.NAME, "simulated".equals(config.model().provider())
                    ? "configured" : "no OpenAI-compatible endpoint configured");
            return new SimulatedChatModel();
        }
        LOG.infof("model=openai-compatible endpoint=%s api_key_source=%s", baseUrl,
                config.model().apiKeySecret().isPresent() ? "secrets-manager" : "configuration");
        return openAi;
    }

    /**
     * Whether the OpenAI-compatible endpoint answers: always for {@code openai}, never for {@code simulated}, and for
     * {@code auto} when an API key, a key secret or a base URL other than OpenAI's is configured.
     */
    static boolean usesEndpoint(PromptloopConfig.Model model, String apiKey, String baseUrl) {
        boolean configured = !UNSET.equals(apiKey) || !DEFAULT_BASE_URL.equals(baseUrl)
                || model.apiKeySecret().isPresent();
        return switch (model.provider()) {
            case "openai" -> true;
            case "simulated" -> false;
            case "auto" -> configured;
            default -> throw new IllegalStateException(
                    "promptloop.model.provider must be openai, simulated or auto, got '" + model.provider() + "'");
        };
    }
}
