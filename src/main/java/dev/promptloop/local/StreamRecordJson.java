package dev.promptloop.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.List;
import java.util.Map;

/**
 * Writes DynamoDB Streams API records as the JSON event Lambda's event source mapping sends a function, so local mode
 * and tests feed the refine handler exactly what it receives on AWS.
 */
public final class StreamRecordJson {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StreamRecordJson() {
    }

    public static ObjectNode event(List<Record> records, String streamArn, String region) {
        ObjectNode event = JSON.objectNode();
        ArrayNode array = event.putArray("Records");
        records.forEach(r -> array.add(record(r, streamArn, region)));
        return event;
    }

    static ObjectNode record(Record record, String streamArn, String region) {
        ObjectNode out = JSON.objectNode();
        out.put("eventID", record.eventID());
        out.put("eventName", record.eventNameAsString());
        out.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
        out.put("eventSource", "aws:dynamodb");
        out.put("awsRegion", region);
        var stream = record.dynamodb();
        ObjectNode dynamodb = out.putObject("dynamodb");
        if (stream.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", stream.approximateCreationDateTime().getEpochSecond());
        }
        dynamodb.set("Keys", image(stream.keys()));
        if (stream.hasNewImage()) {
            dynamodb.set("NewImage", image(stream.newImage()));
        }
        if (stream.hasOldImage()) {
            dynamodb.set("OldImage", image(stream.oldImage()));
        }
        dynamodb.put("SequenceNumber", stream.sequenceNumber());
        if (stream.sizeBytes() != null) {
            dynamodb.put("SizeBytes", stream.sizeBytes());
        }
        dynamodb.put("StreamViewType", stream.streamViewTypeAsString());
        if (record.userIdentity() != null) {
            out.putObject("userIdentity").put("type", record.userIdentity().type())
                    .put("principalId", record.userIdentity().principalId());
        }
        out.put("eventSourceARN", streamArn);
        return out;
    }

    private static ObjectNode image(Map<String, AttributeValue> image) {
        ObjectNode out = JSON.objectNode();
        image.forEach((name, value) -> out.set(name, attribute(value)));
        return out;
    }

    private static ObjectNode attribute(AttributeValue value) {
        ObjectNode out = JSON.objectNode();
        switch (value.type()) {
            case S -> out.put("S", value.s());
            case N -> out.put("N", value.n());
            case BOOL -> out.put("BOOL", value.bool());
            case NUL -> out.put("NULL", true);
            case M -> out.set("M", image(value.m()));
            case L -> {
                ArrayNode list = out.putArray("L");
                value.l().forEach(item -> list.add(attribute(item)));
            }
            case SS -> value.ss().forEach(out.putArray("SS")::add);
            case NS -> value.ns().forEach(out.putArray("NS")::add);
            default -> out.put("S", String.valueOf(value));
        }
        return out;
    }
}
