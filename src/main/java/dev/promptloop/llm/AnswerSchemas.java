package dev.promptloop.llm;

import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import dev.promptloop.render.ModelPurpose;

import java.util.Optional;

/**
 * The shapes the optimizer and the judge are asked to answer in (OptimizerPrompt and JudgePrompt describe the same
 * in words), as strict JSON schemas for endpoints that constrain their output to one. Renders are free text.
 */
final class AnswerSchemas {

    /** Strict schemas list every property as required: an edit fills what its op does not use with "" or []. */
    private static final ResponseFormat RULES = json("rules", JsonObjectSchema.builder()
            .addProperty("rules", JsonArraySchema.builder().items(JsonObjectSchema.builder()
                    .addStringProperty("rule")
                    .addProperty("critiques", strings())
                    .required("rule", "critiques").additionalProperties(false).build()).build())
            .addProperty("edits", JsonArraySchema.builder().items(JsonObjectSchema.builder()
                    .addProperty("op", JsonEnumSchema.builder().enumValues("reword", "merge", "retire").build())
                    .addStringProperty("target")
                    .addProperty("targets", strings())
                    .addStringProperty("rule")
                    .addProperty("critiques", strings())
                    .addStringProperty("reason")
                    .required("op", "target", "targets", "rule", "critiques", "reason").additionalProperties(false)
                    .build()).build())
            .required("rules", "edits").additionalProperties(false).build());

    private static final ResponseFormat VERDICT = json("verdict", JsonObjectSchema.builder()
            .addProperty("winner", JsonEnumSchema.builder().enumValues("A", "B", "tie").build())
            .required("winner").additionalProperties(false).build());

    private AnswerSchemas() {
    }

    static Optional<ResponseFormat> of(ModelPurpose purpose) {
        return switch (purpose) {
            case OPTIMIZE -> Optional.of(RULES);
            case JUDGE -> Optional.of(VERDICT);
            case RENDER -> Optional.empty();
        };
    }

    private static JsonArraySchema strings() {
        return JsonArraySchema.builder().items(new JsonStringSchema()).build();
    }

    private static ResponseFormat json(String name, JsonObjectSchema root) {
        return ResponseFormat.builder().type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name(name).rootElement(root).build()).build();
    }
}
