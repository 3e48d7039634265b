package dev.promptloop.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/** Attributes stored as JSON text (settings, checks, evaluations): read leniently, an unreadable one as missing. */
final class StoredJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredJson() {
    }

    static JsonNode read(String text) {
        if (text == null || text.isEmpty()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node == null ? MissingNode.getInstance() : node;
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    static String write(JsonNode node) {
        return node.toString();
    }
}
