package dev.promptloop.llm;

import dev.promptloop.wiring.PromptloopConfig;

import java.time.Duration;
import java.util.Optional;

/** Model settings for tests that build the llm classes by hand. */
record ModelConfig(String provider, Optional<String> apiKeySecret, Duration apiKeySecretRefresh)
        implements PromptloopConfig.Model {

    @Override
    public String defaultName() {
        return "gpt-4o-mini";
    }

    @Override
    public boolean structuredOutput() {
        return true;
    }
}
