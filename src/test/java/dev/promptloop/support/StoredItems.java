package dev.promptloop.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stored-item fixtures: items as DynamoDB's JSON wire format gives them ({@code {"pk": {"S": "..."}}}), read from
 * {@code src/test/resources/items/}. Each was written by the code of its day and must stay readable.
 */
public final class StoredItems {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredItems() {
    }

    public static Map<String, AttributeValue> item(String name) {
        try (InputStream in = StoredItems.class.getResourceAsStream("/items/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture items/" + name + ".json");
            }
            return map(JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, AttributeValue> map(JsonNode object) {
        Map<String, AttributeValue> item = new HashMap<>();
        object.fields().forEachRemaining(field -> item.put(field.getKey(), value(field.getValue())));
        return item;
    }

    private static AttributeValue value(JsonNode node) {
        var type = node.fieldNames().next();
        JsonNode value = node.get(type);
        return switch (type) {
            case "S" -> AttributeValue.fromS(value.asText());
            case "N" -> AttributeValue.fromN(value.asText());
            case "BOOL" -> AttributeValue.fromBool(value.asBoolean());
            case "NULL" -> AttributeValue.builder().nul(true).build();
            case "B" -> AttributeValue.fromB(SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode(value.asText())));
            case "M" -> AttributeValue.fromM(map(value));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                value.forEach(element -> list.add(value(element)));
                yield AttributeValue.fromL(list);
            }
            case "SS" -> {
                List<String> strings = new ArrayList<>();
                value.forEach(element -> strings.add(element.asText()));
                yield AttributeValue.fromSs(strings);
            }
            default -> throw new IllegalArgumentException("attribute type " + type + " is not used by Promptloop");
        };
    }
}
