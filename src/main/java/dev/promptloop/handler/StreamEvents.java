package dev.promptloop.handler;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a DynamoDB stream event in Lambda's JSON format into {@link DynamodbEvent}, field by field, and writes the
 * {@link StreamsEventResponse} back. Explicit mapping needs no reflection (native-friendly) and reads the
 * capitalised wire names ({@code Records}, {@code NewImage}, {@code S}) exactly as Lambda sends them.
 */
final class StreamEvents {

    private StreamEvents() {
    }

    static boolean isStreamEvent(JsonNode event) {
        return event != null && event.path("Records").isArray();
    }

    static DynamodbEvent read(JsonNode event) {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (JsonNode node : event.path("Records")) {
            var record = new DynamodbEvent.DynamodbStreamRecord();
            record.setEventID(text(node, "eventID"));
            record.setEventName(text(node, "eventName"));
            record.setEventVersion(text(node, "eventVersion"));
            record.setEventSource(text(node, "eventSource"));
            record.setAwsRegion(text(node, "awsRegion"));
            record.setEventSourceARN(text(node, "eventSourceARN"));
            JsonNode dynamodb = node.path("dynamodb");
            if (dynamodb.isObject()) {
                var stream = new StreamRecord();
                stream.setSequenceNumber(text(dynamodb, "SequenceNumber"));
                if (dynamodb.path("SizeBytes").canConvertToLong()) {
                    stream.setSizeBytes(dynamodb.path("SizeBytes").longValue());
                }
                if (dynamodb.path("ApproximateCreationDateTime").isNumber()) {
                    long seconds = dynamodb.path("ApproximateCreationDateTime").longValue();
                    stream.setApproximateCreationDateTime(new Date(seconds * 1000));
                }
                String viewType = text(dynamodb, "StreamViewType");
                if (viewType != null) {
                    try {
                        stream.setStreamViewType(StreamViewType.fromValue(viewType));
                    } catch (IllegalArgumentException e) {
                        // an unknown view type says nothing this handler needs; the record is still read
                    }
                }
                stream.setKeys(image(dynamodb.path("Keys")));
                stream.setNewImage(image(dynamodb.path("NewImage")));
                stream.setOldImage(image(dynamodb.path("OldImage")));
                record.setDynamodb(stream);
            }
            records.add(record);
        }
        var batch = new DynamodbEvent();
        batch.setRecords(records);
        return batch;
    }

    static ObjectNode write(StreamsEventResponse response) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var failures = out.putArray("batchItemFailures");
        response.getBatchItemFailures().forEach(f -> failures.addObject().put("itemIdentifier", f.getItemIdentifier()));
        return out;
    }

    private static Map<String, AttributeValue> image(JsonNode image) {
        if (!image.isObject()) {
            return null;
        }
        Map<String, AttributeValue> values = new HashMap<>();
        image.fields().forEachRemaining(e -> values.put(e.getKey(), attribute(e.getValue())));
        return values;
    }

    private static AttributeValue attribute(JsonNode node) {
        var value = new AttributeValue();
        if (node.has("S")) {
            value.setS(node.get("S").asText());
        } else if (node.has("N")) {
            value.setN(node.get("N").asText());
        } else if (node.has("BOOL")) {
            value.setBOOL(node.get("BOOL").asBoolean());
        } else if (node.has("NULL")) {
            value.setNULL(node.get("NULL").asBoolean());
        } else if (node.has("M")) {
            value.setM(image(node.get("M")));
        } else if (node.has("L")) {
            List<AttributeValue> list = new ArrayList<>();
            node.get("L").forEach(item -> list.add(attribute(item)));
            value.setL(list);
        } else if (node.has("SS")) {
            List<String> set = new ArrayList<>();
            node.get("SS").forEach(item -> set.add(item.asText()));
            value.setSS(set);
        } else if (node.has("NS")) {
            List<String> set = new ArrayList<>();
            node.get("NS").forEach(item -> set.add(item.asText()));
            value.setNS(set);
        }
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
