package dev.promptloop.refinement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.store.FeedbackItems;
import dev.promptloop.store.TableNames;
import dev.promptloop.support.FeedbackTable;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import dev.promptloop.support.StreamTap;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** How the refine function treats what the feedback stream delivers: batches, duplicates, bad records, races. */
@QuarkusTest
@PromptloopTest
class StreamRefinementTest {

    static final String RULES = """
            {"rules": [{"rule": "Always state the price exactly as given.", "critiques": ["c1", "c2"]}]}""";

    @Inject
    RefineHandler refine;
    @Inject
    Prompts prompts;
    @Inject
    Refiner refiner;
    @Inject
    TrialStep trials;
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

    StreamTap tap;

    @BeforeEach
    void setUp() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Some copy.");
        OpenAiStubs.optimizerAnswers(model, RULES);
        tap = new StreamTap(dynamo, endpoint, tables.feedback());
    }

    @Test
    void aBatchOfSeveralPromptsWithDuplicatedRecordsRefinesEachPromptOnce() throws Exception {
        // given two prompts with enough critiques, their records interleaved and each delivered twice
        String first = prompts.create(Prompts.uniqueId("batch-a"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        String second = prompts.create(Prompts.uniqueId("batch-b"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        prompts.critiques(first, 2);
        prompts.critiques(second, 2);
        List<Record> records = new ArrayList<>(inserts(first, 2));
        records.addAll(inserts(second, 2));
        records.addAll(List.copyOf(records));

        // when
        JsonNode response = refine.handleRequest(tap.event(records), null);

        // then each prompt was refined once: one optimizer call and one new version each
        assertThat(response.get("batchItemFailures")).isEmpty();
        assertThat(OpenAiStubs.optimizerCalls(model)).isEqualTo(2);
        assertThat(prompts.versions(first).get("versions")).hasSize(2);
        assertThat(prompts.versions(second).get("versions")).hasSize(2);
    }

    @Test
    void feedbackRefusedForAnUnknownRenderNeitherStallsTheStreamNorShowsInIt() throws Exception {
        // given a stream read up to now, and a critique of a render that does not exist (its transaction cancelled)
        tap.readAll();
        String id = prompts.create(Prompts.uniqueId("after-404"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        assertThat(prompts.critiqueStatus(id + ".1.00000000-0000-0000-0000-000000000000", "typo")).isEqualTo(404);

        // when two real critiques follow
        prompts.critiques(id, 2);

        // then the stream carries exactly those two, and they refine the prompt
        List<Record> records = inserts(id, 2);
        assertThat(tap.readAll()).as("no record of the refused critique, none twice").isEmpty();
        refine.handleRequest(tap.event(records), null);
        assertThat(prompts.versions(id).get("versions")).hasSize(2);
    }

    @Test
    void aRedeliveredBatchCreatesNoSecondVersion() throws Exception {
        String id = prompts.create(Prompts.uniqueId("redeliver"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        prompts.critiques(id, 2);
        ObjectNode event = tap.event(inserts(id, 2));
        refine.handleRequest(event, null);

        JsonNode again = refine.handleRequest(event, null);

        assertThat(again.get("batchItemFailures")).isEmpty();
        assertThat(prompts.versions(id).get("versions")).hasSize(2);
        assertThat(OpenAiStubs.optimizerCalls(model)).isEqualTo(1);
    }

    @Test
    void aMalformedRecordIsReportedBySequenceNumberAndTheOthersAreProcessed() throws Exception {
        String id = prompts.create(Prompts.uniqueId("malformed"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        prompts.critiques(id, 2);
        ObjectNode event = tap.event(inserts(id, 2));
        ObjectNode broken = ((ObjectNode) event.get("Records").get(0)).deepCopy();
        ObjectNode dynamodb = (ObjectNode) broken.get("dynamodb");
        dynamodb.put("SequenceNumber", "4200000000000000000000");
        ((ObjectNode) dynamodb.get("NewImage")).remove("promptId");
        ((ArrayNode) event.get("Records")).insert(0, broken);

        JsonNode response = refine.handleRequest(event, null);

        assertThat(response.get("batchItemFailures")).hasSize(1);
        assertThat(response.get("batchItemFailures").get(0).get("itemIdentifier").asText())
                .isEqualTo("4200000000000000000000");
        assertThat(prompts.versions(id).get("versions")).hasSize(2);
    }

    @Test
    void modifyAndRemoveRecordsAreIgnored() throws Exception {
        // given a refined prompt: its consumed feedback comes back on the stream as MODIFY records
        String id = prompts.create(Prompts.uniqueId("ignored"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        prompts.critiques(id, 2);
        refine.handleRequest(tap.event(inserts(id, 2)), null);
        List<Record> modifies = tap.await(id, OperationType.MODIFY, 2);
        // and two more critiques pending, so a wrongly counted record would trigger a refinement
        prompts.critiques(id, 2);
        ObjectNode event = tap.event(modifies);
        ObjectNode remove = ((ObjectNode) event.get("Records").get(0)).deepCopy();
        remove.put("eventName", "REMOVE");
        remove.putObject("userIdentity").put("type", "Service").put("principalId", "dynamodb.amazonaws.com");
        ((ArrayNode) event.get("Records")).add(remove);
        model.resetRequests();

        JsonNode response = refine.handleRequest(event, null);

        assertThat(response.get("batchItemFailures")).isEmpty();
        assertThat(OpenAiStubs.optimizerCalls(model)).isZero();
    }

    @Test
    void whenTheOptimizerFailsTheRecordsOfThatPromptAreReportedAndNothingIsWritten() throws Exception {
        String id = prompts.create(Prompts.uniqueId("model-down"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        prompts.critiques(id, 2);
        List<Record> records = inserts(id, 2);
        model.resetAll();
        OpenAiStubs.modelFails(model, 500);

        List<String> logLines = new ArrayList<>();
        JsonNode response = logged(logLines, () -> refine.handleRequest(tap.event(records), null));

        List<String> failed = new ArrayList<>();
        response.get("batchItemFailures").forEach(f -> failed.add(f.get("itemIdentifier").asText()));
        assertThat(failed).containsExactlyInAnyOrderElementsOf(
                records.stream().map(r -> r.dynamodb().sequenceNumber()).toList());
        assertThat(prompts.versions(id).get("versions")).hasSize(1);
        assertThat(pendingFeedback(id)).isEqualTo(2);
        assertThat(logLines).as("the failure carries the prompt's id, the batch's summary line does not")
                .anyMatch(line -> line.startsWith("promptId=" + id + " handler=refine promptId=" + id)
                        && line.contains("outcome=failed"))
                .anyMatch(line -> line.startsWith("promptId=null handler=refine records=2"));
    }

    /** Runs {@code call}, collecting the refine handler's log lines, each prefixed with the promptId of its MDC. */
    private static <T> T logged(List<String> lines, Callable<T> call) throws Exception {
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                var line = (ExtLogRecord) record;
                lines.add("promptId=" + line.getMdc("promptId") + " " + line.getFormattedMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(RefineHandler.class.getName());
        logger.addHandler(capture);
        try {
            return call.call();
        } finally {
            logger.removeHandler(capture);
        }
    }

    @Test
    void twoRefinementsAtOnceCreateExactlyOneVersionAndConsumeEachFeedbackOnce() throws Exception {
        // given a slow optimizer, so both refinements read the same head before either writes
        String id = prompts.create(Prompts.uniqueId("race"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        prompts.critiques(id, 3);
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Some copy.");
        OpenAiStubs.optimizerAnswersSlowly(model, RULES, 500);
        var start = new CountDownLatch(1);
        Callable<RefinementOutcome> attempt = () -> {
            start.await();
            return trials.advance(id).map(refiner::refine).orElseThrow();
        };

        // when
        List<RefinementOutcome> outcomes = new ArrayList<>();
        var pool = Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(attempt);
            var b = pool.submit(attempt);
            start.countDown();
            outcomes.add(a.get());
            outcomes.add(b.get());
        } finally {
            pool.shutdownNow();
        }

        // then exactly one won; versions stay contiguous and every feedback is consumed by version 2
        assertThat(outcomes).extracting(RefinementOutcome::status).containsExactlyInAnyOrder(
                RefinementOutcome.Status.REFINED, RefinementOutcome.Status.SUPERSEDED);
        JsonNode versions = prompts.versions(id).get("versions");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(consumedBy(id)).containsOnly(2).hasSize(3);
    }

    @AfterEach
    void closeTap() {
        tap.close();
    }

    private List<Record> inserts(String promptId, int count) throws InterruptedException {
        return tap.await(promptId, OperationType.INSERT, count);
    }

    private int pendingFeedback(String promptId) {
        return feedbackTable.itemsOf(promptId).stream().mapToInt(item -> item.containsKey("pending") ? 1 : 0).sum();
    }

    private List<Integer> consumedBy(String promptId) {
        return feedbackTable.itemsOf(promptId).stream()
                .map(item -> item.get(FeedbackItems.CONSUMED_BY))
                .map(v -> v == null ? 0 : Integer.parseInt(v.n()))
                .toList();
    }
}
