package dev.promptloop.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Request and reply bodies as bytes and text: strict UTF-8, JSON with bounded nesting, number and string sizes, and
 * no trailing tokens. Every body the API reads passes here, and every reply it writes.
 */
public final class JsonBodies {

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(64)
                    .maxStringLength(Limits.MAX_BODY_BYTES).build())
            .build()).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {
    }

    /** The bytes as text when they are valid UTF-8 (no replacement characters, ever). */
    public static Optional<String> utf8(byte[] bytes) {
        try {
            return Optional.of(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    /** A request body: at most {@link Limits#MAX_BODY_BYTES}, UTF-8, one JSON object; anything else is a 4xx. */
    public static JsonNode requestObject(byte[] bytes) {
        if (bytes.length > Limits.MAX_BODY_BYTES) {
            throw tooLarge();
        }
        String text = utf8(bytes).orElseThrow(
                () -> ProblemException.badRequest("invalid-body", "the body is not valid UTF-8"));
        JsonNode parsed;
        try {
            parsed = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("invalid-json", "the body is not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("parse error"));
        }
        if (parsed == null || !parsed.isObject()) {
            throw ProblemException.badRequest("invalid-body", "the request body must be a JSON object");
        }
        return parsed;
    }

    public static ProblemException tooLarge() {
        return ProblemException.tooLarge("body-too-large", "the body exceeds " + Limits.MAX_BODY_BYTES + " bytes");
    }

    public static String write(JsonNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reply body could not be written", e);
        }
    }

    /** A body this API wrote itself (a stored first response). */
    public static JsonNode readOwn(String text) {
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored response is unreadable", e);
        }
    }
}
