package dev.promptloop.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads an API key out of a SecretString: the JSON field {@code api_key}, or the whole string. */
final class ApiKeySecretValue {

    static final String FIELD = "api_key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiKeySecretValue() {
    }

    static String parse(String secretString) {
        if (secretString == null || secretString.isBlank()) {
            throw new IllegalStateException("the secret has no SecretString");
        }
        String value = secretString.strip();
        if (!value.startsWith("{")) {
            return value;
        }
        JsonNode field;
        try {
            field = JSON.readTree(value).path(FIELD);
        } catch (JsonProcessingException e) {
            // the parser's message would quote the secret
            throw new IllegalStateException("the SecretString starts with { but is not JSON");
        }
        if (!field.isTextual() || field.asText().isBlank()) {
            throw new IllegalStateException("the SecretString is JSON without a text field \"" + FIELD + "\"");
        }
        return field.asText().strip();
    }
}
