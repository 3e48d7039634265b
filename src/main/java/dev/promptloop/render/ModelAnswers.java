package dev.promptloop.render;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the JSON object a model was asked to answer with. Models wrap it in prose or code fences, so the object is
 * taken from the first '{' to the last '}'; anything unreadable is empty, never repaired.
 */
public final class ModelAnswers {

    private ModelAnswers() {
    }

    public static Optional<Map<?, ?>> object(String answer, JsonReader json) {
        if (answer == null) {
            return Optional.empty();
        }
        int start = answer.indexOf('{');
        int end = answer.lastIndexOf('}');
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        return json.read(answer.substring(start, end + 1)).filter(Map.class::isInstance).map(Map.class::cast);
    }

    /** A field that is a list, or an empty list. */
    public static List<?> list(Map<?, ?> object, String field) {
        return object.get(field) instanceof List<?> list ? list : List.of();
    }

    /** A field that is a string, or empty. */
    public static Optional<String> string(Map<?, ?> object, String field) {
        return object.get(field) instanceof String text ? Optional.of(text) : Optional.empty();
    }
}
