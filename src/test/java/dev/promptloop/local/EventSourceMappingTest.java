package dev.promptloop.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.local.DiscardedBatch.Condition;
import dev.promptloop.store.TableNames;
import dev.promptloop.support.FeedbackTable;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.MovableClock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import dev.promptloop.support.StreamTap;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event source mapping with the template's failure handling, over the feedback table's real stream and the real
 * refine function: which records each invocation carried, which ones were retried, which went to the on-failure
 * destination and why, and that no feedback item was lost (a stream record only triggers refinement; the feedback
 * stays pending in the table until a refinement consumes it).
 */
@QuarkusTest
@PromptloopTest
class EventSourceMappingTest {

    static final String RULES =
            "{\"rules\": [{\"rule\": \"Always state the price exactly as given.\", \"critiques\": [\"c1\"]}]}";

    @Inject
    Prompts prompts;
    @Inject
    RefineHandler refine;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    TableNames tables;
    @Inject
    FeedbackTable feedbackTable;
    @ConfigProperty(name = "quarkus.dynamodb.endpoint-override")
    String endpoint;
    @InjectWireMock
    WireMockServer model;

    private final List<DiscardedBatch> destination = new ArrayList<>();

    @BeforeEach
    void modelAnswers() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        OpenAiStubs.optimizerAnswers(model, RULES);
        // the optimizer refuses any prompt whose critiques say UNLUCKY
        model.stubFor(post(urlPathEqualTo(OpenAiStubs.PATH)).atPriority(1).withRequestBody(containing("UNLUCKY"))
                .willReturn(aResponse().withStatus(400)));
    }

    @Test
    void aPartialFailureIsRetriedFromTheLowestFailedRecordUntilTheRetriesRunOut() throws Exception {
        // given a failing prompt's two critiques, then a healthy prompt's two
        String failing = prompts.create(Prompts.uniqueId("esm-fail"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        String healthy = prompts.create(Prompts.uniqueId("esm-ok"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        List<String> failingFeedback = unluckyCritiques(failing, 2);
        prompts.critiques(healthy, 2);
        List<Record> delivered = streamed(Map.of(failing, 2, healthy, 2));
        var function = new RecordingFunction(refine, () -> { });

        // when the mapping delivers them with the template's settings
        int invocations = mapping(function, StreamMappingSettings.TEMPLATE, Clock.systemUTC()).deliver(delivered);

        // then one delivery and two retries, each from the failing prompt's first record on...
        String firstFailing = sequencesOf(delivered, failing).get(0);
        assertThat(invocations).isEqualTo(3);
        assertThat(function.invocations).hasSize(3);
        assertThat(function.invocations.get(0)).isEqualTo(sequencesOf(delivered, r -> true));
        assertThat(function.invocations.get(1)).first().isEqualTo(firstFailing);
        assertThat(function.invocations.get(2)).isEqualTo(function.invocations.get(1));
        // ...then the records from there on went to the destination as retries exhausted...
        assertThat(destination).hasSize(1);
        assertThat(destination.get(0).condition()).isEqualTo(Condition.RETRY_ATTEMPTS_EXHAUSTED);
        assertThat(destination.get(0).sequenceNumbers()).containsAll(sequencesOf(delivered, failing));
        // ...the healthy prompt was refined exactly once despite the redeliveries, and nothing was lost
        assertThat(prompts.versions(healthy).get("versions")).hasSize(2);
        assertThat(prompts.versions(failing).get("versions")).hasSize(1);
        assertThat(pendingIds(failing)).containsExactlyInAnyOrderElementsOf(failingFeedback);
    }

    @Test
    void aFunctionErrorBisectsTheBatchUntilTheBadRecordIsAloneAndOnlyItIsDiscarded() throws Exception {
        // given three healthy prompts with two critiques each and, among them, one record that crashes the function
        List<String> healthy = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            healthy.add(prompts.create(Prompts.uniqueId("esm-bisect"), "{\"threshold\": 2, \"promotion\": \"auto\"}"));
        }
        prompts.critiques(healthy.get(0), 2);
        String crashing = prompts.create(Prompts.uniqueId("esm-crash"), "{\"threshold\": 2}");
        List<String> crashingFeedback = prompts.critiques(crashing, 1);
        prompts.critiques(healthy.get(1), 2);
        prompts.critiques(healthy.get(2), 2);
        List<Record> delivered = streamed(Map.of(healthy.get(0), 2, crashing, 1, healthy.get(1), 2,
                healthy.get(2), 2));
        String crashRecord = sequencesOf(delivered, crashing).get(0);
        var function = new RecordingFunction(refine, () -> { }).crashingOn(crashRecord);

        // when the mapping delivers the batch
        int invocations = mapping(function, StreamMappingSettings.TEMPLATE, Clock.systemUTC()).deliver(delivered);

        // then the batch was split until the bad record was alone, and only that record used up the retries...
        assertThat(function.invocations).hasSize(invocations);
        assertThat(function.invocations.get(0)).hasSize(7);
        assertThat(function.invocations).anySatisfy(batch -> assertThat(batch).hasSizeBetween(2, 4));
        int retries = StreamMappingSettings.TEMPLATE.maxRetries();
        assertThat(function.invocations)
                .filteredOn(batch -> batch.equals(List.of(crashRecord))).hasSize(retries + 1);
        // ...every other record reached the function and was answered...
        assertThat(function.succeeded).containsAll(delivered.stream().map(r -> r.dynamodb().sequenceNumber())
                .filter(sequence -> !sequence.equals(crashRecord)).toList());
        // ...only the bad record went to the destination...
        assertThat(destination).singleElement().satisfies(discarded -> {
            assertThat(discarded.condition()).isEqualTo(Condition.RETRY_ATTEMPTS_EXHAUSTED);
            assertThat(discarded.sequenceNumbers()).containsExactly(crashRecord);
        });
        // ...each healthy prompt was refined once, and the crashing prompt's feedback is still pending
        for (String id : healthy) {
            assertThat(prompts.versions(id).get("versions")).as(id).hasSize(2);
        }
        assertThat(pendingIds(crashing)).containsExactlyElementsOf(crashingFeedback);
    }

    @Test
    void recordsOlderThanTheMaximumAgeAreNotRetriedAndTheirFeedbackIsRefinedLater() throws Exception {
        // given a prompt whose refinement keeps failing, and a mapping that would retry it many times
        String failing = prompts.create(Prompts.uniqueId("esm-age"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        List<String> feedback = unluckyCritiques(failing, 2);
        List<Record> delivered = streamed(Map.of(failing, 2));
        var clock = new MovableClock(Instant.now());
        // each attempt takes 25 minutes of the clock, so the third retry would come 75 minutes after the writes
        var function = new RecordingFunction(refine, () -> clock.advance(Duration.ofMinutes(25)));
        var template = StreamMappingSettings.TEMPLATE;
        var settings = new StreamMappingSettings(template.batchSize(), 10, template.bisectOnFunctionError(),
                template.maxRecordAge());

        // when the mapping delivers them
        int invocations = mapping(function, settings, clock).deliver(delivered);

        // then after three attempts the records had passed the template's maximum age of one hour...
        assertThat(invocations).isEqualTo(3);
        assertThat(destination).singleElement().satisfies(discarded -> {
            assertThat(discarded.condition()).isEqualTo(Condition.RECORD_AGE_EXCEEDED);
            assertThat(discarded.sequenceNumbers()).isEqualTo(sequencesOf(delivered, failing));
            JsonNode message = discarded.destinationMessage();
            assertThat(message.at("/requestContext/condition").asText()).isEqualTo("RecordAgeExceeded");
            assertThat(message.get("timestamp").asText()).isEqualTo(clock.instant().toString());
            assertThat(message.at("/DDBStreamBatchInfo/streamArn").asText()).isEqualTo(streamArn());
            assertThat(message.at("/DDBStreamBatchInfo/batchSize").asInt()).isEqualTo(2);
            assertThat(message.at("/DDBStreamBatchInfo/startSequenceNumber").asText())
                    .isEqualTo(sequencesOf(delivered, failing).get(0));
        });
        // ...their feedback is still pending, and the next refinement, once the model works, consumes all of it
        assertThat(pendingIds(failing)).containsExactlyInAnyOrderElementsOf(feedback);
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        OpenAiStubs.optimizerAnswers(model, RULES);
        prompts.refine(refine, failing);
        assertThat(prompts.versions(failing).get("versions")).hasSize(2);
        assertThat(pendingIds(failing)).isEmpty();
    }

    private EventSourceMapping mapping(RecordingFunction function, StreamMappingSettings settings, Clock clock) {
        return new EventSourceMapping(function::handleRequest, streamArn(), "us-east-1", settings,
                StreamFilter.FEEDBACK_INSERTS, destination::add, clock);
    }

    private String streamArn() {
        return dynamo.describeTable(d -> d.tableName(tables.feedback())).table().latestStreamArn();
    }

    private List<String> unluckyCritiques(String promptId, int count) {
        String renderId = prompts.renderRow(promptId).get("renderId").asText();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prompts.critique(renderId, "UNLUCKY: the price is missing, take " + i));
        }
        return ids;
    }

    /** The INSERT records of these prompts' feedback, oldest first, as the stream holds them. */
    private List<Record> streamed(Map<String, Integer> insertsPerPrompt) throws Exception {
        List<Record> records = new ArrayList<>();
        try (var tap = new StreamTap(dynamo, endpoint, tables.feedback())) {
            for (var prompt : insertsPerPrompt.entrySet()) {
                records.addAll(tap.await(prompt.getKey(), OperationType.INSERT, prompt.getValue()));
            }
        }
        records.sort(Comparator.comparing(r -> new BigInteger(r.dynamodb().sequenceNumber())));
        return records;
    }

    private static List<String> sequencesOf(List<Record> records, String promptId) {
        return sequencesOf(records, r -> promptId.equals(r.dynamodb().keys().get("promptId").s()));
    }

    private static List<String> sequencesOf(List<Record> records, Predicate<Record> which) {
        return records.stream().filter(which).map(r -> r.dynamodb().sequenceNumber()).toList();
    }

    private List<String> pendingIds(String promptId) {
        return feedbackTable.itemsOf(promptId).stream().filter(item -> item.containsKey("pending")).map(item -> item.get("feedbackId").s())
                .toList();
    }

    /**
     * The refine function, recording the sequence numbers of every invocation; it may crash on one record. Handed to
     * the mapping as a method reference: a RequestHandler class would be taken for a Lambda handler bean.
     */
    static final class RecordingFunction {
        final List<List<String>> invocations = new ArrayList<>();
        final List<String> succeeded = new ArrayList<>();
        private final RefineHandler refine;
        private final Runnable eachAttempt;
        private String crashOn;

        RecordingFunction(RefineHandler refine, Runnable eachAttempt) {
            this.refine = refine;
            this.eachAttempt = eachAttempt;
        }

        RecordingFunction crashingOn(String sequence) {
            this.crashOn = sequence;
            return this;
        }

        JsonNode handleRequest(JsonNode event, Context context) {
            List<String> sequences = new ArrayList<>();
            event.get("Records").forEach(r -> sequences.add(r.at("/dynamodb/SequenceNumber").asText()));
            invocations.add(sequences);
            eachAttempt.run();
            if (sequences.contains(crashOn)) {
                throw new IllegalStateException("the function ran out of memory on record " + crashOn);
            }
            JsonNode response = refine.handleRequest(event, context);
            if (response.path("batchItemFailures").isEmpty()) {
                succeeded.addAll(sequences);
            }
            return response;
        }
    }
}
