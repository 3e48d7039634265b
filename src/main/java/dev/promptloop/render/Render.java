package dev.promptloop.render;

import dev.promptloop.check.CheckResult;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A stored render: what was sent, what came back, for which version, and how the output fared on the version's
 * checks. Feedback points at it; evaluation replays its variables.
 */
public record Render(String renderId, String promptId, int version, Map<String, String> variables,
        List<Message> messages, Optional<String> output, String model, Optional<Usage> usage,
        List<CheckResult> checks, Instant createdAt) {

    public Render {
        variables = Map.copyOf(variables);
        messages = List.copyOf(messages);
        checks = List.copyOf(checks);
    }
}
