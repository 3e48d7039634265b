package dev.promptloop.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.handler.HandlerNames;
import dev.promptloop.local.DiscardedBatch.Condition;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What Lambda's DynamoDB event source mapping does with the template's settings, for local mode and tests:
 * <ul>
 * <li>only records that pass the mapping's filter reach the function, in batches of at most {@code batchSize}, oldest
 * first;</li>
 * <li>a partial batch failure is retried from the lowest failed sequence number, and counts as a retry;</li>
 * <li>a function error splits the batch in two when {@code bisectOnFunctionError} is set, each half delivered in
 * turn; the split is not counted as a retry, so a bad record ends up alone and only it uses up the retries;</li>
 * <li>records older than {@code maxRecordAge} are not delivered again;</li>
 * <li>records given up on, for either reason, go to the on-failure destination and the stream moves on.</li>
 * </ul>
 * Lambda does not document whether the halves of a split inherit the retries already used; here they do.
 */
public final class EventSourceMapping {

    private static final Logger LOG = Logger.getLogger(EventSourceMapping.class);

    private final RequestHandler<JsonNode, JsonNode> function;
    private final String streamArn;
    private final String region;
    private final StreamMappingSettings settings;
    private final StreamFilter filter;
    private final Consumer<DiscardedBatch> onFailure;
    private final Clock clock;

    public EventSourceMapping(RequestHandler<JsonNode, JsonNode> function, String streamArn, String region,
            StreamMappingSettings settings, StreamFilter filter, Consumer<DiscardedBatch> onFailure, Clock clock) {
        this.function = function;
        this.streamArn = streamArn;
        this.region = region;
        this.settings = settings;
        this.filter = filter;
        this.onFailure = onFailure;
        this.clock = clock;
    }

    /** Delivers records in order; returns how many invocations it took. */
    public int deliver(List<Record> records) {
        List<Record> inserts = records.stream().filter(filter::passes).toList();
        int invocations = 0;
        for (int start = 0; start < inserts.size(); start += settings.batchSize()) {
            invocations += deliverBatch(inserts.subList(start, Math.min(inserts.size(), start + settings.batchSize())),
                    0);
        }
        return invocations;
    }

    private int deliverBatch(List<Record> batch, int retriesUsed) {
        List<Record> remaining = batch;
        int retries = retriesUsed;
        int invocations = 0;
        while (true) {
            remaining = withoutExpired(remaining);
            if (remaining.isEmpty()) {
                return invocations;
            }
            invocations++;
            Outcome outcome = invoke(remaining);
            if (outcome == Outcome.SUCCESS) {
                return invocations;
            }
            if (outcome.functionError && settings.bisectOnFunctionError() && remaining.size() > 1) {
                int half = remaining.size() / 2;
                LOG.infof("eventSourceMapping=local outcome=bisect records=%d", remaining.size());
                return invocations + deliverBatch(remaining.subList(0, half), retries)
                        + deliverBatch(remaining.subList(half, remaining.size()), retries);
            }
            List<Record> failed = outcome.functionError ? remaining : from(remaining, outcome.checkpoint);
            if (retries == settings.maxRetries()) {
                discard(Condition.RETRY_ATTEMPTS_EXHAUSTED, failed);
                return invocations;
            }
            retries++;
            remaining = failed;
            LOG.infof("eventSourceMapping=local outcome=retry retry=%d fromSequence=%s", retries,
                    remaining.get(0).dynamodb().sequenceNumber());
        }
    }

    private List<Record> withoutExpired(List<Record> batch) {
        Instant oldestAllowed = clock.instant().minus(settings.maxRecordAge());
        List<Record> expired = new ArrayList<>();
        List<Record> live = new ArrayList<>();
        for (Record record : batch) {
            Instant created = record.dynamodb().approximateCreationDateTime();
            (created != null && created.isBefore(oldestAllowed) ? expired : live).add(record);
        }
        if (!expired.isEmpty()) {
            discard(Condition.RECORD_AGE_EXCEEDED, expired);
        }
        return live;
    }

    private void discard(Condition condition, List<Record> records) {
        onFailure.accept(new DiscardedBatch(condition, records, streamArn, clock.instant()));
    }

    private Outcome invoke(List<Record> batch) {
        JsonNode response;
        try {
            response = function.handleRequest(StreamRecordJson.event(batch, streamArn, region),
                    new LocalContext(HandlerNames.REFINE));
        } catch (RuntimeException e) {
            LOG.warnf("eventSourceMapping=local outcome=function-error error=%s", e.toString());
            return Outcome.FUNCTION_ERROR;
        }
        JsonNode failures = response == null ? null : response.get("batchItemFailures");
        if (failures == null || failures.isNull() || failures.isEmpty()) {
            return Outcome.SUCCESS;
        }
        BigInteger lowest = null;
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            if (!id.matches("[0-9]+")) {
                // Lambda treats an unreadable identifier as a failure of the whole batch
                return Outcome.partialFrom(batch.get(0).dynamodb().sequenceNumber());
            }
            BigInteger sequence = new BigInteger(id);
            lowest = lowest == null || sequence.compareTo(lowest) < 0 ? sequence : lowest;
        }
        return Outcome.partialFrom(lowest.toString());
    }

    private static List<Record> from(List<Record> batch, String sequence) {
        BigInteger checkpoint = new BigInteger(sequence);
        return batch.stream()
                .filter(r -> new BigInteger(r.dynamodb().sequenceNumber()).compareTo(checkpoint) >= 0)
                .toList();
    }

    /** How an invocation ended: success, a function error, or a partial failure from a sequence number on. */
    private record Outcome(boolean functionError, String checkpoint) {
        static final Outcome SUCCESS = new Outcome(false, null);
        static final Outcome FUNCTION_ERROR = new Outcome(true, null);

        static Outcome partialFrom(String sequence) {
            return new Outcome(false, sequence);
        }
    }
}
