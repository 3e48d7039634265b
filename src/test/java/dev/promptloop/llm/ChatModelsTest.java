package dev.promptloop.llm;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static dev.promptloop.llm.ChatModels.DEFAULT_BASE_URL;
import static dev.promptloop.llm.ChatModels.UNSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChatModelsTest {

    static final Duration HOUR = Duration.ofHours(1);

    @Test
    void autoUsesTheEndpointOnlyWhenAKeyAKeySecretOrABaseUrlIsConfigured() {
        var auto = new ModelConfig("auto", Optional.empty(), HOUR);

        assertThat(ChatModels.usesEndpoint(auto, UNSET, DEFAULT_BASE_URL)).isFalse();
        assertThat(ChatModels.usesEndpoint(auto, "sk-configured", DEFAULT_BASE_URL)).isTrue();
        assertThat(ChatModels.usesEndpoint(auto, UNSET, "http://localhost:11434/v1/")).isTrue();
        assertThat(ChatModels.usesEndpoint(new ModelConfig("auto", Optional.of("promptloop/openai"), HOUR), UNSET,
                DEFAULT_BASE_URL)).isTrue();
    }

    @Test
    void anExplicitProviderWinsOverWhatIsConfigured() {
        assertThat(ChatModels.usesEndpoint(new ModelConfig("openai", Optional.empty(), HOUR), UNSET,
                DEFAULT_BASE_URL)).isTrue();
        assertThat(ChatModels.usesEndpoint(new ModelConfig("simulated", Optional.of("promptloop/openai"), HOUR),
                "sk-configured", DEFAULT_BASE_URL)).isFalse();
    }

    @Test
    void anUnknownProviderIsRefusedAtStartUp() {
        assertThatThrownBy(() -> ChatModels.usesEndpoint(new ModelConfig("bedrock", Optional.empty(), HOUR), UNSET,
                DEFAULT_BASE_URL)).hasMessageContaining("openai, simulated or auto");
    }
}
