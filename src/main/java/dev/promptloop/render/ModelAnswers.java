package dev.promptloop.render;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON a model was asked to answer with. Models wrap it in code fences or prose, so the document is taken
 * from a fenced block when there is one, else the whole answer, else from the first '{' to the last '}' (or '[' to
 * ']'); anything unreadable is empty, never repaired.
 */
public final class ModelAnswers {

    private static final Pattern FENCED = Pattern.compile("```[A-Za-z]*\\s*(.*?)```", Pattern.DOTALL);

    private ModelAnswers() {
    }

    /** The one JSON document (object, array or value) in the answer. */
    public static Optional<Object> document(String answer, JsonReader json) {
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        Matcher fenced = FENCED.matcher(answer);
        if (fenced.find()) {
            var inside = json.read(fenced.group(1).strip());
            if (inside.isPresent()) {
                return inside;
            }
        }
        return json.read(answer.strip()).or(() -> between(answer, '{', '}', json))
                .or(() -> between(answer, '[', ']', json));
    }

    public static Optional<Map<?, ?>> object(String answer, JsonReader json) {
        return document(answer, json).filter(Map.class::isInstance).map(Map.class::cast);
    }

    /** A field that is a list, or an empty list. */
    public static List<?> list(Map<?, ?> object, String field) {
        return object.get(field) instanceof List<?> list ? list : List.of();
    }

    /** A field that is a string, or empty. */
    public static Optional<String> string(Map<?, ?> object, String field) {
        return object.get(field) instanceof String text ? Optional.of(text) : Optional.empty();
    }

    private static Optional<Object> between(String answer, char open, char close, JsonReader json) {
        int start = answer.indexOf(open);
        int end = answer.lastIndexOf(close);
        return start < 0 || end < start ? Optional.empty() : json.read(answer.substring(start, end + 1));
    }
}
