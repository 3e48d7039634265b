package dev.promptloop.evaluation;

import dev.promptloop.check.OutputCheck;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One input replayed through candidate and production.
 *
 * @param source the render or the regression case the input comes from
 * @param productionOutput production's stored output for this input, when it was production's (saves a model call)
 * @param checks checks asked of this input beside the version's own (an owner's case)
 * @param rubric what the judge scores against on this input beside the common rubric (a stored case's critiques or
 *        its owner's note)
 */
public record EvaluationCase(String source, Map<String, String> variables, Optional<String> productionOutput,
        Role role, List<OutputCheck> checks, List<String> rubric) {

    public EvaluationCase {
        variables = Map.copyOf(variables);
        checks = List.copyOf(checks);
        rubric = List.copyOf(rubric);
    }

    /**
     * On the cases being learned from, the candidate must beat production by the win margin; on earlier ones (the
     * regression suite, well-rated renders) it must not lose a single one.
     */
    public enum Role {
        LEARNING, EARLIER
    }

    /** An input behind the critiques being learned from. */
    public static EvaluationCase learning(String renderId, Map<String, String> variables,
            Optional<String> productionOutput) {
        return new EvaluationCase(renderId, variables, productionOutput, Role.LEARNING, List.of(), List.of());
    }

    /** An earlier input the candidate must do at least as well on as production. */
    public static EvaluationCase earlier(String source, Map<String, String> variables,
            Optional<String> productionOutput, List<OutputCheck> checks, List<String> rubric) {
        return new EvaluationCase(source, variables, productionOutput, Role.EARLIER, checks, rubric);
    }
}
