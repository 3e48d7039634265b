package dev.promptloop.render;

import java.util.Optional;

/**
 * Reads a JSON document the model wrote into plain values: {@code Map<String, Object>} for objects, {@code List} for
 * arrays, {@code String}, {@code Number}, {@code Boolean}. Empty when the text is not one JSON document (or is
 * {@code null}). A port, so the core parses the optimizer's and the judge's answers without a JSON library of its own.
 */
public interface JsonReader {

    Optional<Object> read(String json);
}
