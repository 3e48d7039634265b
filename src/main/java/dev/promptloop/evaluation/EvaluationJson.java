package dev.promptloop.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** An evaluation as JSON, for the versions API and for storage. */
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
                .put("reason", evaluation.reason());
    }

    public static Evaluation read(JsonNode node) {
        return new Evaluation(node.path("cases").asInt(), node.path("wins").asInt(), node.path("losses").asInt(),
                node.path("ties").asInt(), node.path("checkRegressions").asInt(),
                node.path("candidateCheckPassRate").asDouble(), node.path("productionCheckPassRate").asDouble(),
                node.path("modelCalls").asInt(), node.path("tokens").asInt(), node.path("promoted").asBoolean(),
                node.path("reason").asText());
    }
}
