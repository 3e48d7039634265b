package dev.promptloop.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.prompt.Evaluation;

/** An evaluation as the versions API shows it. */
public final class EvaluationJson {

    private EvaluationJson() {
    }

    public static ObjectNode write(Evaluation evaluation) {
        return JsonNodeFactory.instance.objectNode()
                .put("cases", evaluation.cases())
                .put("wins", evaluation.wins())
                .put("losses", evaluation.losses())
                .put("ties", evaluation.ties())
                .put("checkRegressions", evaluation.checkRegressions())
                .put("candidateCheckPassRate", evaluation.candidatePassRate())
                .put("productionCheckPassRate", evaluation.productionPassRate())
                .put("modelCalls", evaluation.modelCalls())
                .put("tokens", evaluation.tokens())
                .put("promoted", evaluation.promoted())
                .put("reason", evaluation.reason())
                .put("unreadableVerdicts", evaluation.unreadableVerdicts())
                .put("earlierCases", evaluation.earlierCases())
                .put("earlierLosses", evaluation.earlierLosses());
    }
}
