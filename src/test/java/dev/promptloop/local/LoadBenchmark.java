package dev.promptloop.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptloop.handler.FeedbackHandler;
import dev.promptloop.handler.PromptsHandler;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.handler.RenderHandler;
import dev.promptloop.store.TableNames;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import dev.promptloop.support.StreamTap;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded load run over loopback through local mode's gateway and stream poller (simulated model, moto): 5,000
 * renders and 2,000 feedbacks from four client threads, then a count. Every 2xx feedback must be in the table, and
 * every negative feedback either consumed by exactly one version or still pending. Run with
 * {@code ./mvnw test -Dtest=LoadBenchmark}; writes target/benchmarks/load.md.
 */
@QuarkusTest
@PromptloopTest
@TestProfile(LoadBenchmark.Simulated.class)
class LoadBenchmark {

    static final int RENDERS = 5_000;
    static final int FEEDBACKS = 2_000;
    static final int CLIENTS = 4;
    static final ObjectMapper JSON = new ObjectMapper();

    public static class Simulated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("promptloop.model.provider", "simulated", "promptloop.render-cache.head-ttl", "PT1S");
        }
    }

    @Inject
    PromptsHandler promptsHandler;
    @Inject
    RenderHandler renderHandler;
    @Inject
    FeedbackHandler feedbackHandler;
    @Inject
    RefineHandler refine;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    TableNames tables;
    @ConfigProperty(name = "quarkus.dynamodb.endpoint-override")
    String endpoint;

    @Test
    void fiveThousandRendersAndTwoThousandFeedbacks() throws Exception {
        var running = new AtomicBoolean(true);
        var refineCalls = new AtomicInteger();
        try (var gateway = new LocalGateway(0, Map.of("prompts", promptsHandler, "render", renderHandler,
                "feedback", feedbackHandler)); var tap = new StreamTap(dynamo, endpoint, tables.feedback())) {
            var poller = Executors.newSingleThreadExecutor();
            var mapping = new EventSourceMapping(refine, tap.streamArn(), "us-east-1",
                    StreamMappingSettings.TEMPLATE, StreamFilter.FEEDBACK_INSERTS, discarded -> { }, Clock.systemUTC());
            poller.submit(() -> {
                while (running.get()) {
                    var records = tap.readAll();
                    if (!records.isEmpty()) {
                        refineCalls.addAndGet(mapping.deliver(records));
                    }
                    Thread.sleep(200);
                }
                return null;
            });
            String base = "http://127.0.0.1:" + gateway.port();
            var http = HttpClient.newHttpClient();
            String id = Prompts.uniqueId("load");
            post(http, base + "/prompts", "{\"id\": \"" + id + "\", \"refinement\": {\"threshold\": 5, "
                    + "\"promotion\": \"auto\"}, \"template\": {\"system\": \"Write copy.\", \"user\": \"Copy for "
                    + "{{name}} at {{price}}\"}}");

            List<String> renderIds = new ArrayList<>();
            var accepted = ConcurrentHashMap.<String>newKeySet();
            var statuses = new ConcurrentHashMap<Integer, AtomicInteger>();
            long started = System.nanoTime();
            var clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> work = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                work.add(clients.submit(() -> {
                    for (int i = client; i < RENDERS; i += CLIENTS) {
                        var response = post(http, base + "/prompts/" + id + "/render", "{\"variables\": {\"name\": "
                                + "\"Lamp " + i + "\", \"price\": \"$" + i + ".99\"}}");
                        statuses.computeIfAbsent(response.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                        if (i < FEEDBACKS) {
                            String renderId = JSON.readTree(response.body()).get("renderId").asText();
                            String body = i % 2 == 0 ? "{\"thumb\": \"down\", \"critique\": \"the price is missing\"}"
                                    : "{\"thumb\": \"up\"}";
                            var feedback = post(http, base + "/renders/" + renderId + "/feedback", body);
                            statuses.computeIfAbsent(feedback.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                            if (feedback.statusCode() == 201) {
                                accepted.add(JSON.readTree(feedback.body()).get("feedbackId").asText());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (var future : work) {
                future.get();
            }
            clients.shutdown();
            double seconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(3_000);
            running.set(false);
            poller.shutdown();

            var items = feedbackItems(id);
            Set<String> stored = ConcurrentHashMap.newKeySet();
            int pending = 0;
            int consumed = 0;
            for (var item : items) {
                stored.add(item.get("feedbackId").s());
                pending += item.containsKey("pending") ? 1 : 0;
                consumed += item.containsKey("consumedBy") ? 1 : 0;
            }
            int negative = (int) items.stream().filter(item -> item.get("negative").bool()).count();
            JsonNode versions = JSON.readTree(get(http, base + "/prompts/" + id + "/versions").body());
            int latest = versions.get("versions").get(0).get("version").asInt();

            assertThat(stored).as("every 2xx feedback is in the table").containsAll(accepted);
            assertThat(stored).hasSize(accepted.size());
            assertThat(pending + consumed).as("every negative feedback is pending or consumed once").isEqualTo(negative);
            assertThat(versions.get("versions")).hasSize(latest);
            String report = """
                    # Load run over loopback (local mode's gateway and stream poller, simulated model, moto)

                    %d renders and %d feedbacks from %d client threads in %.1f s (%.0f requests/s).
                    HTTP statuses: %s.
                    Feedback: %d accepted, %d in the table; %d negative: %d consumed by refinements, %d still pending.
                    Refinement: %d versions written (latest %d), %d refine invocations from the stream.
                    """.formatted(RENDERS, FEEDBACKS, CLIENTS, seconds, (RENDERS + FEEDBACKS) / seconds, statuses,
                    accepted.size(), stored.size(), negative, consumed, pending, latest - 1, latest, refineCalls.get());
            Files.createDirectories(Path.of("target/benchmarks"));
            Files.writeString(Path.of("target/benchmarks/load.md"), report);
            System.out.println(report);
        }
    }

    private List<Map<String, AttributeValue>> feedbackItems(String promptId) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        dynamo.queryPaginator(q -> q.tableName(tables.feedback()).keyConditionExpression("promptId = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(promptId))).consistentRead(true))
                .items().forEach(items::add);
        return items;
    }

    private static HttpResponse<String> post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
