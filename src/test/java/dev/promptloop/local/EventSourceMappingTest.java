package dev.promptloop.local;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.store.TableNames;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import dev.promptloop.support.StreamTap;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.OperationType;
import software.amazon.awssdk.services.dynamodb.model.Record;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local event source mapping over the feedback table's real stream: partial batch failures are retried from the
 * lowest failed sequence number, a batch that keeps failing goes to the on-failure destination after the retries,
 * redelivered records refine nothing twice, and no feedback is lost.
 */
@QuarkusTest
@PromptloopTest
class EventSourceMappingTest {

    @Inject
    Prompts prompts;
    @Inject
    RefineHandler refine;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    TableNames tables;
    @ConfigProperty(name = "quarkus.dynamodb.endpoint-override")
    String endpoint;
    @InjectWireMock
    WireMockServer model;

    @Test
    void aPromptWhoseRefinementKeepsFailingGoesToTheFailureDestinationAndTheOtherIsRefinedOnce() throws Exception {
        // given two prompts with enough critiques; the optimizer fails for the second one only
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        OpenAiStubs.optimizerAnswers(model,
                "{\"rules\": [{\"rule\": \"Always state the price exactly as given.\", \"critiques\": [\"c1\"]}]}");
        String failing = prompts.create(Prompts.uniqueId("esm-fail"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        String healthy = prompts.create(Prompts.uniqueId("esm-ok"), "{\"threshold\": 2, \"promotion\": \"auto\"}");
        String renderId = prompts.renderRow(failing).get("renderId").asText();
        List<String> failingFeedback = List.of(prompts.critique(renderId, "UNLUCKY: the price is missing"),
                prompts.critique(renderId, "UNLUCKY: no price at all"));
        prompts.critiques(healthy, 2);
        model.stubFor(post(urlPathEqualTo(OpenAiStubs.PATH)).atPriority(1)
                .withRequestBody(containing("UNLUCKY"))
                .willReturn(aResponse().withStatus(400)));

        List<Record> delivered;
        List<Record> failed = new ArrayList<>();
        int invocations;
        try (var tap = new StreamTap(dynamo, endpoint, tables.feedback())) {
            delivered = new ArrayList<>(tap.await(failing, OperationType.INSERT, 2));
            delivered.addAll(tap.await(healthy, OperationType.INSERT, 2));
            delivered.sort(Comparator.comparing(r -> new BigInteger(r.dynamodb().sequenceNumber())));
            var mapping = new EventSourceMapping(refine, tap.streamArn(), "us-east-1", 25, 2, failed::addAll);

            // when the mapping delivers the batch
            invocations = mapping.deliver(delivered);
        }

        // then the batch was tried three times, the failing prompt's records went to the failure destination...
        assertThat(invocations).isEqualTo(3);
        List<String> failedSequences = failed.stream().map(r -> r.dynamodb().sequenceNumber()).toList();
        assertThat(failedSequences).containsAll(sequencesOf(delivered, failing));
        // ...the healthy prompt was refined exactly once despite the redeliveries...
        assertThat(prompts.versions(healthy).get("versions")).hasSize(2);
        // ...and none of the failing prompt's feedback was lost: it is all still pending for a later refinement
        assertThat(prompts.versions(failing).get("versions")).hasSize(1);
        assertThat(pendingIds(failing)).containsExactlyInAnyOrderElementsOf(failingFeedback);
    }

    private static List<String> sequencesOf(List<Record> records, String promptId) {
        return records.stream().filter(r -> promptId.equals(r.dynamodb().keys().get("promptId").s()))
                .map(r -> r.dynamodb().sequenceNumber()).toList();
    }

    private List<String> pendingIds(String promptId) {
        return dynamo.query(q -> q.tableName(tables.feedback()).keyConditionExpression("promptId = :p")
                        .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(promptId))).consistentRead(true))
                .items().stream().filter(item -> item.containsKey("pending")).map(item -> item.get("feedbackId").s())
                .toList();
    }
}
