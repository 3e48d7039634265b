package dev.promptloop.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptloop.render.JsonReader;
import jakarta.inject.Singleton;

import java.util.Optional;

/** The core's {@link JsonReader} on Jackson: a model's JSON answer as maps, lists and plain values. */
@Singleton
public class ModelAnswerJson implements JsonReader {

    private final ObjectMapper json = new ObjectMapper();

    @Override
    public Optional<Object> read(String text) {
        try {
            return Optional.ofNullable(json.readValue(text, Object.class));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }
}
