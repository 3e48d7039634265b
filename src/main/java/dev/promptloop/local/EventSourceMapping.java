package dev.promptloop.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What Lambda's DynamoDB event source mapping does with the template's settings, for local mode: keep only inserts
 * (the filter), send batches of at most {@code batchSize}, and on a partial failure retry from the lowest failed
 * sequence number; a batch that still fails after {@code maxRetries} retries goes to the on-failure destination
 * (here: {@code onFailure}) and the stream moves on.
 */
public final class EventSourceMapping {

    private static final Logger LOG = Logger.getLogger(EventSourceMapping.class);

    private final RequestHandler<JsonNode, JsonNode> function;
    private final String streamArn;
    private final String region;
    private final int batchSize;
    private final int maxRetries;
    private final Consumer<List<Record>> onFailure;

    public EventSourceMapping(RequestHandler<JsonNode, JsonNode> function, String streamArn, String region,
            int batchSize, int maxRetries, Consumer<List<Record>> onFailure) {
        this.function = function;
        this.streamArn = streamArn;
        this.region = region;
        this.batchSize = batchSize;
        this.maxRetries = maxRetries;
        this.onFailure = onFailure;
    }

    /** Delivers records in order; returns how many invocations it took. */
    public int deliver(List<Record> records) {
        List<Record> inserts = records.stream().filter(r -> r.eventName() == OperationType.INSERT).toList();
        int invocations = 0;
        for (int start = 0; start < inserts.size(); start += batchSize) {
            invocations += deliverBatch(inserts.subList(start, Math.min(inserts.size(), start + batchSize)));
        }
        return invocations;
    }

    private int deliverBatch(List<Record> batch) {
        List<Record> remaining = new ArrayList<>(batch);
        int invocations = 0;
        for (int attempt = 0; !remaining.isEmpty(); attempt++) {
            invocations++;
            String checkpoint = invoke(remaining);
            if (checkpoint == null) {
                return invocations;
            }
            remaining = from(remaining, checkpoint);
            if (attempt == maxRetries) {
                LOG.warnf("eventSourceMapping=local outcome=on-failure records=%d firstSequence=%s", remaining.size(),
                        checkpoint);
                onFailure.accept(List.copyOf(remaining));
                return invocations;
            }
            LOG.infof("eventSourceMapping=local outcome=retry attempt=%d fromSequence=%s", attempt + 1, checkpoint);
        }
        return invocations;
    }

    /** Returns the sequence number to retry from, or null when the whole batch succeeded. */
    private String invoke(List<Record> batch) {
        JsonNode response;
        try {
            response = function.handleRequest(StreamRecordJson.event(batch, streamArn, region), new LocalContext("refine"));
        } catch (RuntimeException e) {
            LOG.warnf("eventSourceMapping=local outcome=function-error error=%s", e.toString());
            return batch.get(0).dynamodb().sequenceNumber();
        }
        JsonNode failures = response == null ? null : response.get("batchItemFailures");
        if (failures == null || failures.isNull() || failures.isEmpty()) {
            return null;
        }
        BigInteger lowest = null;
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            if (!id.matches("[0-9]+")) {
                // Lambda treats an unreadable identifier as a failure of the whole batch
                return batch.get(0).dynamodb().sequenceNumber();
            }
            BigInteger sequence = new BigInteger(id);
            lowest = lowest == null || sequence.compareTo(lowest) < 0 ? sequence : lowest;
        }
        return lowest.toString();
    }

    private static List<Record> from(List<Record> batch, String sequence) {
        BigInteger checkpoint = new BigInteger(sequence);
        return batch.stream()
                .filter(r -> new BigInteger(r.dynamodb().sequenceNumber()).compareTo(checkpoint) >= 0)
                .toList();
    }
}
