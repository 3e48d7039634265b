package dev.promptloop.support.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * infra/openapi.yaml as the contract test reads it: the documented responses of each operation, and their body
 * schemas compiled with the OpenAPI 3.1 dialect of JSON Schema.
 */
public final class OpenApiDocument {

    public static final Path LOCATION = Path.of("infra/openapi.yaml");
    /** The response of every status an operation does not list: for this API, a bug (500). */
    public static final String DEFAULT = "default";

    private static final OpenApiDocument INSTANCE = new OpenApiDocument(read(LOCATION));

    private final JsonNode document;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31());
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    public static OpenApiDocument get() {
        return INSTANCE;
    }

    public JsonNode tree() {
        return document;
    }

    /** The operation object of "GET /prompts/{id}", if documented. */
    public Optional<JsonNode> operation(String method, String pathTemplate) {
        JsonNode operation = document.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        return operation.isObject() ? Optional.of(operation) : Optional.empty();
    }

    /**
     * What is wrong with one reply of an operation: an undocumented status or content type, or each way its body
     * breaks the documented schema; a 5xx the operation does not list is held against its {@code default} response
     * (an unexpected failure, a bug), while an unlisted 2xx or 4xx is itself a violation. Empty when the reply keeps
     * the contract.
     */
    public List<String> violations(String method, String pathTemplate, int status, String contentType, JsonNode body) {
        JsonNode operation = operation(method, pathTemplate).orElse(null);
        if (operation == null) {
            return List.of(method + " " + pathTemplate + " is not documented");
        }
        JsonNode responses = operation.path("responses");
        boolean listed = responses.has(String.valueOf(status));
        if (!listed && status < 500) {
            return List.of("status " + status + " is not documented");
        }
        String documented = listed ? String.valueOf(status) : DEFAULT;
        JsonNode response = resolve(responses.path(documented));
        if (response.isMissingNode()) {
            return List.of("status " + status + " is not documented, and the operation has no default response");
        }
        String mediaType = contentType == null ? "" : contentType.split(";")[0].trim();
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            return body == null || body.isMissingNode() || body.isNull() ? List.of()
                    : List.of("status " + status + " documents no body, the reply has one");
        }
        JsonNode media = content.path(mediaType);
        if (!media.has("schema")) {
            return List.of("status " + status + " documents no content type " + mediaType);
        }
        String key = method + " " + pathTemplate + " " + documented + " " + mediaType;
        Schema schema = compiled.computeIfAbsent(key, k -> compile(media.get("schema")));
        return schema.validate(body).stream().map(error -> error.toString()).toList();
    }

    /** A response schema made a document of its own that carries the components its references point into. */
    private Schema compile(JsonNode schema) {
        ObjectNode standalone = ((ObjectNode) schema.deepCopy());
        standalone.set("components", document.path("components"));
        return registry.getSchema(standalone);
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref") && current.get("$ref").asText().startsWith("#/")) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    private static JsonNode read(Path location) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(location.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
