package dev.promptloop.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a table's stream through the DynamoDB Streams API, shard by shard, remembering where each shard was left.
 * New shards are picked up on every read.
 */
public final class FeedbackStream {

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Map<String, String> iterators = new LinkedHashMap<>();
    private final Map<String, String> lastSequence = new LinkedHashMap<>();

    public FeedbackStream(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String table) {
        this.streams = streams;
        this.streamArn = dynamo.describeTable(d -> d.tableName(table)).table().latestStreamArn();
        if (streamArn == null) {
            throw new IllegalStateException("table " + table + " has no stream");
        }
    }

    public String streamArn() {
        return streamArn;
    }

    /** A fresh iterator just after the last record read, or from the start when none was read. */
    private String resume(String shardId) {
        String sequence = lastSequence.get(shardId);
        return streams.getShardIterator(g -> {
            g.streamArn(streamArn).shardId(shardId);
            if (sequence == null) {
                g.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
            } else {
                g.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(sequence);
            }
        }).shardIterator();
    }

    /** Every record written since the last read (from the start of each shard on the first read). */
    public List<Record> read() {
        for (Shard shard : streams.describeStream(d -> d.streamArn(streamArn)).streamDescription().shards()) {
            iterators.computeIfAbsent(shard.shardId(), id -> streams.getShardIterator(g -> g.streamArn(streamArn)
                    .shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
        }
        List<Record> records = new ArrayList<>();
        for (var entry : iterators.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            try {
                var response = streams.getRecords(g -> g.shardIterator(entry.getValue()).limit(1000));
                records.addAll(response.records());
                if (response.hasRecords() && !response.records().isEmpty()) {
                    var last = response.records().get(response.records().size() - 1);
                    lastSequence.put(entry.getKey(), last.dynamodb().sequenceNumber());
                }
                entry.setValue(response.nextShardIterator());
            } catch (ExpiredIteratorException e) {
                entry.setValue(resume(entry.getKey()));
            }
        }
        return records;
    }
}
