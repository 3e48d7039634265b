package dev.promptloop.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.local.TableStream;
import dev.promptloop.local.StreamRecordJson;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** Reads the feedback table's real stream from moto_server, as Lambda's event source mapping would. */
public final class StreamTap implements AutoCloseable {

    private final DynamoDbStreamsClient streams;
    private final TableStream stream;
    private final List<Record> unclaimed = new ArrayList<>();

    public StreamTap(DynamoDbClient dynamo, String endpoint, String table) {
        this.streams = DynamoDbStreamsClient.builder().httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
        this.stream = new TableStream(dynamo, streams, table);
    }

    public String streamArn() {
        return stream.streamArn();
    }

    /** Records of one prompt's feedback not returned before; other prompts' records wait for their own read. */
    public List<Record> read(String promptId) {
        unclaimed.addAll(stream.read());
        List<Record> claimed = unclaimed.stream()
                .filter(r -> r.dynamodb().hasKeys() && promptId.equals(r.dynamodb().keys().get("promptId").s()))
                .toList();
        unclaimed.removeAll(claimed);
        return claimed;
    }

    /** Every record written since the last read, of every prompt. */
    public List<Record> readAll() {
        List<Record> all = new ArrayList<>(unclaimed);
        unclaimed.clear();
        all.addAll(stream.read());
        return all;
    }

    /** Waits up to five seconds for {@code count} records of one type for one prompt. */
    public List<Record> await(String promptId, OperationType type, int count) throws InterruptedException {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < 50 && records.size() < count; i++) {
            read(promptId).stream().filter(r -> r.eventName() == type).forEach(records::add);
            if (records.size() < count) {
                Thread.sleep(100);
            }
        }
        if (records.size() != count) {
            throw new AssertionError("expected " + count + " " + type + " records of " + promptId + ", got "
                    + records.size());
        }
        return records;
    }

    /** Records as the JSON event Lambda would deliver. */
    public ObjectNode event(List<Record> records) {
        return StreamRecordJson.event(records, stream.streamArn(), "us-east-1");
    }

    @Override
    public void close() {
        streams.close();
    }
}
