package dev.promptloop.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The output is a JSON document, valid against a JSON Schema when one is given. The core's one use of a JSON parser
 * and a schema validator, kept inside this check: the schema travels through the core as its JSON text.
 */
public final class JsonOutputCheck implements OutputCheck {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Optional<String> schema;
    private final Optional<Schema> compiled;

    private JsonOutputCheck(Optional<String> schema, Optional<Schema> compiled) {
        this.schema = schema;
        this.compiled = compiled;
    }

    /**
     * @param schema a JSON Schema (draft 2020-12) as JSON text, or empty for "any JSON"
     * @throws IllegalArgumentException when the schema is not JSON or not a usable schema
     */
    public static JsonOutputCheck of(Optional<String> schema) {
        return new JsonOutputCheck(schema, schema.map(JsonOutputCheck::compile));
    }

    private static Schema compile(String schema) {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(JSON.readTree(schema));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a usable JSON Schema", e);
        }
    }

    /** The schema's JSON text, as given. */
    public Optional<String> schema() {
        return schema;
    }

    @Override
    public String type() {
        return "json";
    }

    @Override
    public CheckResult run(String output, Map<String, String> variables) {
        JsonNode document;
        try {
            document = JSON.readTree(output);
        } catch (IOException e) {
            return CheckResult.fail(type(), "the output is not valid JSON");
        }
        if (document == null || document.isMissingNode()) {
            return CheckResult.fail(type(), "the output is not valid JSON");
        }
        if (compiled.isEmpty()) {
            return CheckResult.pass(type(), "valid JSON");
        }
        var errors = compiled.get().validate(document);
        return errors.isEmpty() ? CheckResult.pass(type(), "valid JSON matching the schema")
                : CheckResult.fail(type(), "the output does not match the JSON schema: " + errors.get(0).getMessage());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonOutputCheck check && check.schema.equals(schema);
    }

    @Override
    public int hashCode() {
        return Objects.hash(schema);
    }
}
