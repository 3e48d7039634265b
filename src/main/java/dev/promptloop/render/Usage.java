package dev.promptloop.render;

/** Tokens a model call consumed. */
public record Usage(int inputTokens, int outputTokens) {

    public int totalTokens() {
        return inputTokens + outputTokens;
    }
}
