package dev.promptloop.refinement;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.handler.PromptsHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.promptloop.support.ApiGatewayEvents.status;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many label moves, feedbacks and refinements on one prompt at once: versions stay contiguous, production always
 * points at an existing version, and no feedback is consumed twice.
 */
@QuarkusTest
@PromptloopTest
class ConcurrencyTest {

    @Inject
    Prompts prompts;
    @Inject
    PromptsHandler promptsHandler;
    @Inject
    Refiner refiner;
    @Inject
    TrialStep trials;
    @InjectWireMock
    WireMockServer model;

    @Test
    void concurrentLabelMovesFeedbackAndRefinementsKeepThePromptConsistent() throws Exception {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "copy");
        OpenAiStubs.optimizerAnswersANewRuleEachTime(model);
        String id = prompts.create(Prompts.uniqueId("race-many"), "{\"threshold\": 1, \"promotion\": \"auto\"}");
        String renderId = prompts.renderRow(id).get("renderId").asText();

        var outcomes = new ConcurrentHashMap<String, AtomicInteger>();
        List<Callable<Void>> work = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            int n = i;
            work.add(() -> {
                switch (n % 3) {
                    case 0 -> prompts.critique(renderId, "critique " + n + ": the price is missing");
                    case 1 -> count(outcomes, trials.advance(id).map(refiner::refine).orElseThrow().status().wireName());
                    default -> {
                        int latest = prompts.versions(id).get("versions").get(0).get("version").asInt();
                        JsonNode moved = promptsHandler.handleRequest(v2(Route.MOVE_LABEL,
                                Map.of("id", id, "label", n % 2 == 0 ? "production" : "stable"),
                                "{\"version\": " + Math.max(1, latest - n % 2) + "}"), null);
                        count(outcomes, "label-move-" + status(moved));
                    }
                }
                return null;
            });
        }
        var pool = Executors.newFixedThreadPool(6);
        try {
            for (Future<Void> result : pool.invokeAll(work)) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        while (trials.advance(id).map(refiner::refine).orElseThrow().status() == RefinementOutcome.Status.REFINED) {
            count(outcomes, "refined-after");
        }

        JsonNode versions = prompts.versions(id);
        List<Integer> numbers = new ArrayList<>();
        versions.get("versions").forEach(v -> numbers.add(v.get("version").asInt()));
        int latest = numbers.get(0);
        assertThat(numbers).as("contiguous, newest first (%s)", outcomes)
                .isEqualTo(java.util.stream.IntStream.iterate(latest, v -> v - 1).limit(latest).boxed().toList());
        assertThat(versions.get("labels").get("production").asInt()).isBetween(1, latest);
        assertThat(outcomes.keySet()).anyMatch(k -> k.equals("refined") || k.equals("refined-after"));
        Set<String> consumed = new HashSet<>();
        versions.get("versions").forEach(v -> v.get("rules").forEach(rule -> {
            if (rule.get("version").asInt() == v.get("version").asInt()) {
                rule.get("feedbackIds").forEach(f -> assertThat(consumed.add(f.asText()))
                        .as("feedback %s used by two versions", f.asText()).isTrue());
            }
        }));
        versions.get("versions").forEach(v -> assertThat(v.get("status").asText()).isNotBlank());
    }

    private static void count(Map<String, AtomicInteger> outcomes, String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new AtomicInteger()).incrementAndGet();
    }
}
