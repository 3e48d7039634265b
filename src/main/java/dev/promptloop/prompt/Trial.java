package dev.promptloop.prompt;

import java.time.Instant;

/**
 * A comparison in progress between two versions on live feedback: a canary ({@code version} serves a share of renders
 * beside {@code baseline}), or the watch that follows a promotion ({@code version} is production, {@code baseline}
 * the production it replaced).
 */
public record Trial(int version, int baseline, Instant since) {
}
