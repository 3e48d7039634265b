package dev.promptloop.render;

import java.util.Map;
import java.util.Optional;

/**
 * @param label the label to resolve when no version is given (default {@code production})
 * @param version an explicit version, which wins over the label
 * @param execute whether to run the messages on the model
 * @param key the caller's sticky key (a user id, say): while a canary runs, the same key always gets the same version
 * @param voter whom feedback on this render speaks for: the verified JWT subject, else the key (a signed-in user
 *        cannot pose as many voters by sending other keys)
 */
public record RenderRequest(String promptId, Map<String, String> variables, Optional<String> label,
        Optional<Integer> version, boolean execute, Optional<String> key, Optional<String> voter) {

    public RenderRequest {
        variables = Map.copyOf(variables);
    }
}
