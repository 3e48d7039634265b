package dev.promptloop.wiring;

import dev.promptloop.prompt.ModelSettings;

/** The model settings of Promptloop's own calls, from configuration: the optimizer's, and the judge's. */
final class ModelSettingsConfig {

    private ModelSettingsConfig() {
    }

    static ModelSettings optimizer(PromptloopConfig config) {
        var optimizer = config.optimizer();
        return new ModelSettings(optimizer.modelName().orElse(null), optimizer.temperature(), optimizer.maxTokens());
    }

    /** Whatever the judge does not set is the optimizer's. */
    static ModelSettings judge(PromptloopConfig config) {
        var judge = config.judge();
        var optimizer = optimizer(config);
        return new ModelSettings(judge.modelName().orElse(optimizer.name()),
                judge.temperature().orElse(optimizer.temperature()), judge.maxTokens().orElse(optimizer.maxTokens()));
    }
}
