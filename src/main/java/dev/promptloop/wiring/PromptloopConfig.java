package dev.promptloop.wiring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

@ConfigMapping(prefix = "promptloop")
public interface PromptloopConfig {

    /** How long a render stays available for feedback. */
    @WithDefault("P7D")
    Duration renderTtl();

    Model model();

    RenderCache renderCache();

    /** What the render path keeps in memory between invocations of a warm container. */
    interface RenderCache {

        /** How long labels (which version serves) are reused before they are read again; zero turns it off. */
        @WithDefault("PT5S")
        Duration headTtl();

        /** Immutable versions kept, least recently used dropped first. */
        @WithDefault("256")
        int maxVersions();
    }

    Optimizer optimizer();

    Judge judge();

    Local local();

    /** Local mode ({@code ./mvnw quarkus:dev}) only. */
    interface Local {

        /** Port of the local HTTP API. */
        @WithDefault("8080")
        int gatewayPort();
    }

    interface Model {

        /**
         * {@code openai}: any OpenAI-compatible endpoint ({@code quarkus.langchain4j.openai.*});
         * {@code simulated}: the built-in forgetful model; {@code auto}: openai when an API key, a key secret or a base URL is
         * configured, simulated otherwise.
         */
        @WithDefault("auto")
        String provider();

        /** Reported when a version names no model; the endpoint's own default model answers. */
        @WithDefault("gpt-4o-mini")
        String defaultName();

        /**
         * Name or ARN of a Secrets Manager secret holding the endpoint's API key, either as the whole SecretString
         * or as its JSON field {@code api_key}. When set, it replaces {@code quarkus.langchain4j.openai.api-key}.
         */
        Optional<String> apiKeySecret();

        /** How long a container keeps the key it read before reading the secret again (so rotation reaches it). */
        @WithDefault("PT1H")
        Duration apiKeySecretRefresh();

        /**
         * Whether the optimizer and the judge ask the endpoint for structured output ({@code response_format} with a
         * strict JSON schema). OpenAI, vLLM and Ollama honour it; turn it off for an endpoint that refuses it (the
         * answers are then read tolerantly, as they always are).
         */
        @WithDefault("true")
        boolean structuredOutput();
    }

    interface Optimizer {

        /** The model that writes rules; empty means the endpoint's default. */
        Optional<String> modelName();

        @WithDefault("0.0")
        double temperature();

        @WithDefault("600")
        int maxTokens();
    }

    /** The evaluation gate's pairwise judge; each setting left out is the optimizer's. */
    interface Judge {

        Optional<String> modelName();

        Optional<Double> temperature();

        Optional<Integer> maxTokens();
    }
}
