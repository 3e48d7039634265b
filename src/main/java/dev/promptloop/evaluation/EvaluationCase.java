package dev.promptloop.evaluation;

import java.util.Map;
import java.util.Optional;

/**
 * One input replayed through candidate and production.
 *
 * @param productionOutput production's stored output for this input, when the render was of the production version
 *        (saves a model call)
 * @param consumed whether the case comes from the feedback being learned from, or from the held-out sample
 */
public record EvaluationCase(String renderId, Map<String, String> variables, Optional<String> productionOutput,
        boolean consumed) {

    public EvaluationCase {
        variables = Map.copyOf(variables);
    }
}
