package dev.promptloop.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.promptloop.prompt.Evaluation;

/** A refined version's {@code evaluation} attribute (JSON text); a missing field reads as zero, false or empty. */
final class EvaluationCodec {

    private EvaluationCodec() {
    }

    static String write(Evaluation evaluation) {
        return StoredJson.write(JsonNodeFactory.instance.objectNode()
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
                .put("earlierLosses", evaluation.earlierLosses()));
    }

    static Evaluation read(String text) {
        JsonNode node = StoredJson.read(text);
        return new Evaluation(node.path("cases").asInt(), node.path("wins").asInt(), node.path("losses").asInt(),
                node.path("ties").asInt(), node.path("checkRegressions").asInt(),
                node.path("candidateCheckPassRate").asDouble(), node.path("productionCheckPassRate").asDouble(),
                node.path("modelCalls").asInt(), node.path("tokens").asInt(), node.path("promoted").asBoolean(),
                node.path("reason").asText(), node.path("unreadableVerdicts").asInt(),
                node.path("earlierCases").asInt(), node.path("earlierLosses").asInt());
    }
}
