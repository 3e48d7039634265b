package dev.promptloop.local;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a table's stream through the DynamoDB Streams API, shard by shard, remembering the last record read of each
 * shard. New shards are picked up on every read.
 */
public final class TableStream {

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Map<String, String> lastSequence = new LinkedHashMap<>();

    public TableStream(DynamoDbClient dynamo, DynamoDbStreamsClient streams, String table) {
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

    /**
     * Every record written since the last read (from the start of each shard on the first read). Each read asks for a
     * fresh iterator after the last record seen instead of following the previous answer's next iterator: moto
     * replaces a table's stream shard when a transaction on the table is cancelled, and an iterator chained from
     * before keeps reading the discarded shard (its rolled-back records included) and never sees another record.
     */
    public List<Record> read() {
        List<Record> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(d -> d.streamArn(streamArn)).streamDescription().shards()) {
            var response = streams.getRecords(g -> g.shardIterator(resume(shard.shardId())).limit(1000));
            if (response.hasRecords() && !response.records().isEmpty()) {
                records.addAll(response.records());
                lastSequence.put(shard.shardId(),
                        response.records().get(response.records().size() - 1).dynamodb().sequenceNumber());
            }
        }
        return records;
    }
}
