package dev.promptloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.handler.PromptsHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptSettings;
import dev.promptloop.prompt.PromptTemplate;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.store.PlantedItems;
import dev.promptloop.store.TableNames;
import dev.promptloop.support.OwnTables;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static dev.promptloop.support.ApiGatewayEvents.withQuery;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Management reads against moto: the first page of a listing of 1,000 prompts (each with its pending feedback
 * counted), and one page of versions of a prompt with 500 versions, through the prompts handler. The items are
 * planted as the store writes them, in tables of their own. Not part of ./mvnw verify; run it with
 * {@code ./mvnw test -Dtest=ListingBenchmark}. Writes target/benchmarks/listing.md.
 */
@QuarkusTest
@PromptloopTest
@TestProfile(OwnTables.class)
class ListingBenchmark {

    static final int PROMPTS = 1_000;
    static final int VERSIONS = 500;
    static final int WARMUP = 50;
    static final int READS = 300;

    @Inject
    PromptsHandler handler;
    @Inject
    DynamoDbClient dynamo;
    @Inject
    TableNames tables;

    @Test
    void firstPagesOfLongLists() throws Exception {
        Instant now = Instant.now();
        String run = Prompts.uniqueId("bench");
        List<PromptHead> heads = new ArrayList<>();
        for (int i = 0; i < PROMPTS; i++) {
            heads.add(PromptHead.created(run + "-%04d".formatted(i), new PromptSettings(RefinementSettings.DEFAULTS,
                    Optional.of("prompt " + i), List.of(run), false), now));
        }
        PlantedItems.heads(dynamo, tables.prompts(), heads);
        String longLived = heads.get(0).promptId();
        var template = PromptTemplate.parse(Prompts.SYSTEM, Prompts.USER_TEMPLATE);
        List<PromptVersion> versions = new ArrayList<>();
        for (int v = 1; v <= VERSIONS; v++) {
            versions.add(new PromptVersion(longLived, v, template, dev.promptloop.prompt.ModelSettings.DEFAULTS,
                    List.of("Never mention competitors."), List.of(LearnedRule.learned("State the price.",
                            List.of("f" + v), v, now)), List.of(), now, "refined", v > 1 ? v - 1 : null,
                    Optional.empty()));
        }
        PlantedItems.versions(dynamo, tables.prompts(), versions);

        var listing = withQuery(v2(Route.LIST_PROMPTS, Map.of(), null), "tag=" + run + "&limit=20");
        var firstPage = withQuery(v2(Route.LIST_PROMPTS, Map.of(), null), "limit=20");
        var versionPage = withQuery(v2(Route.LIST_VERSIONS, Map.of("id", longLived), null), "limit=20");
        assertThat(body(handler.handleRequest(listing, null)).get("prompts")).hasSize(20);
        assertThat(body(handler.handleRequest(versionPage, null)).get("versions").get(0).get("version").asInt())
                .isEqualTo(VERSIONS);
        Percentiles all = measure(firstPage);
        Percentiles tagged = measure(listing);
        Percentiles page = measure(versionPage);

        String report = """
                # Management reads against moto (%d reads each, after %d warm-up reads)

                | read | p50 µs | p90 µs | p99 µs | max µs |
                |---|---|---|---|---|
                | first page (20) of %d prompts | %.0f | %.0f | %.0f | %.0f |
                | first page (20) of %d prompts of one tag | %.0f | %.0f | %.0f | %.0f |
                | first page (20) of %d versions of one prompt | %.0f | %.0f | %.0f | %.0f |
                """.formatted(READS, WARMUP, PROMPTS, all.p50Micros(), all.p90Micros(), all.p99Micros(),
                all.maxMicros(), PROMPTS, tagged.p50Micros(), tagged.p90Micros(), tagged.p99Micros(),
                tagged.maxMicros(), VERSIONS, page.p50Micros(), page.p90Micros(), page.p99Micros(), page.maxMicros());
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/listing.md"), report);
        System.out.println(report);
    }

    private Percentiles measure(JsonNode event) {
        for (int i = 0; i < WARMUP; i++) {
            assertThat(status(handler.handleRequest(event, null))).isEqualTo(200);
        }
        long[] nanos = new long[READS];
        for (int i = 0; i < READS; i++) {
            long start = System.nanoTime();
            var response = handler.handleRequest(event, null);
            nanos[i] = System.nanoTime() - start;
            assertThat(status(response)).isEqualTo(200);
        }
        return Percentiles.ofNanos(nanos);
    }
}
