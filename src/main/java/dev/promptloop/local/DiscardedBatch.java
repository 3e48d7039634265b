package dev.promptloop.local;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.time.Instant;
import java.util.List;

/**
 * Records an event source mapping gave up on, and why: what Lambda sends to the on-failure destination.
 *
 * @param condition   the reason, as Lambda names it
 * @param records     the records, oldest first (Lambda's message carries only their range)
 * @param streamArn   the stream they came from
 * @param discardedAt when the mapping gave up on them, by its clock
 */
public record DiscardedBatch(Condition condition, List<Record> records, String streamArn, Instant discardedAt) {

    public enum Condition {
        RETRY_ATTEMPTS_EXHAUSTED("RetryAttemptsExhausted"),
        RECORD_AGE_EXCEEDED("RecordAgeExceeded");

        private final String awsName;

        Condition(String awsName) {
            this.awsName = awsName;
        }

        public String awsName() {
            return awsName;
        }
    }

    public DiscardedBatch {
        records = List.copyOf(records);
    }

    public List<String> sequenceNumbers() {
        return records.stream().map(r -> r.dynamodb().sequenceNumber()).toList();
    }

    /** The invocation record Lambda would put on the queue, with the batch's range in {@code DDBStreamBatchInfo}. */
    public ObjectNode destinationMessage() {
        var json = JsonNodeFactory.instance.objectNode();
        var context = json.putObject("requestContext");
        context.put("condition", condition.awsName());
        json.put("timestamp", discardedAt.toString());
        var info = json.putObject("DDBStreamBatchInfo");
        info.put("startSequenceNumber", records.get(0).dynamodb().sequenceNumber());
        info.put("endSequenceNumber", records.get(records.size() - 1).dynamodb().sequenceNumber());
        Instant first = records.get(0).dynamodb().approximateCreationDateTime();
        Instant last = records.get(records.size() - 1).dynamodb().approximateCreationDateTime();
        if (first != null && last != null) {
            info.put("approximateArrivalOfFirstRecord", first.toString());
            info.put("approximateArrivalOfLastRecord", last.toString());
        }
        info.put("batchSize", records.size());
        info.put("streamArn", streamArn);
        return json;
    }
}
