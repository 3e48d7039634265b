package dev.promptloop.render;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A stored render: what was sent, what came back, for which version. Feedback points at it. */
public record Render(String renderId, String promptId, int version, Map<String, String> variables,
        List<Message> messages, Optional<String> output, String model, Optional<Usage> usage, Instant createdAt) {

    public Render {
        variables = Map.copyOf(variables);
        messages = List.copyOf(messages);
    }
}
