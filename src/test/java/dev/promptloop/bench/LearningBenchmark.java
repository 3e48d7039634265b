package dev.promptloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.check.OutputChecks;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.prompt.PromptCatalog;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.render.ChatModel;
import dev.promptloop.render.MessageComposer;
import dev.promptloop.render.ModelPurpose;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learning benchmark: spreadsheet rows (product, price, brand colour, logo URL, tagline) turned into marketing
 * copy from a bare prompt with output checks. Each round, simulated users render four training rows and leave a
 * critique whenever a check fails (the checks also leave machine feedback); then the refine function runs, gate
 * included. After every round each version is scored on twelve held-out rows no refinement ever sees.
 *
 * <p>The model is the built-in simulated model, or any OpenAI-compatible endpoint when OPENAI_BASE_URL or
 * OPENAI_API_KEY is set. Run with {@code ./mvnw test -Dtest=LearningBenchmark}; writes target/benchmarks/learning.md
 * and learning.svg.
 */
@QuarkusTest
@PromptloopTest
@TestProfile(LearningBenchmark.ModelFromEnvironment.class)
class LearningBenchmark {

    static final int ROUNDS = 5;
    static final int ROWS_PER_ROUND = 4;
    static final double TARGET = 0.95;

    public static class ModelFromEnvironment implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            String baseUrl = System.getenv("OPENAI_BASE_URL");
            String key = System.getenv("OPENAI_API_KEY");
            if (baseUrl == null && key == null) {
                config.put("promptloop.model.provider", "simulated");
            } else {
                config.put("promptloop.model.provider", "openai");
                config.put("quarkus.langchain4j.openai.base-url", baseUrl != null ? baseUrl : "https://api.openai.com/v1/");
                config.put("quarkus.langchain4j.openai.api-key", key != null ? key : "none");
                config.put("quarkus.langchain4j.openai.timeout", "60s");
            }
            return config;
        }
    }

    @Inject
    Prompts prompts;
    @Inject
    RefineHandler refine;
    @Inject
    PromptCatalog catalog;
    @Inject
    ChatModel model;

    @Test
    void fromABarePromptToTheTarget() throws Exception {
        String id = prompts.create(Prompts.uniqueId("learning"), "{\"threshold\": 3}", """
                {"checks": [{"type": "contains-variable", "variable": "price"},
                            {"type": "contains-variable", "variable": "colour"},
                            {"type": "contains-variable", "variable": "logo"},
                            {"type": "max-length", "value": 600}]}""");
        List<Map<String, String>> rows = rows(ROUNDS * ROWS_PER_ROUND + 12);
        List<Map<String, String>> heldOut = rows.subList(ROUNDS * ROWS_PER_ROUND, rows.size());

        Map<Integer, Double> passRate = new LinkedHashMap<>();
        List<String> refinements = new ArrayList<>();
        int rejected = 0;
        int promotionsThatLowered = 0;
        Integer roundsToTarget = null;
        passRate.put(1, score(catalog.production(id).version(), heldOut));
        for (int round = 1; round <= ROUNDS; round++) {
            int before = catalog.production(id).version().version();
            for (var row : rows.subList((round - 1) * ROWS_PER_ROUND, round * ROWS_PER_ROUND)) {
                JsonNode render = prompts.renderRow(id, row);
                for (JsonNode check : render.get("checks")) {
                    if (!check.get("passed").asBoolean()) {
                        prompts.critique(render.get("renderId").asText(), userCritique(check));
                    }
                }
            }
            JsonNode outcome = prompts.refine(refine, id);
            String status = outcome.get("status").asText();
            if (outcome.has("version")) {
                var version = catalog.version(catalog.head(id), outcome.get("version").asInt());
                var evaluation = version.evaluation();
                double rate = score(version, heldOut);
                passRate.put(version.version(), rate);
                if ("rejected".equals(status)) {
                    rejected++;
                } else if (rate < passRate.get(before)) {
                    promotionsThatLowered++;
                }
                refinements.add("| %d | %s | %d | %s | %s | %s |".formatted(round, status, version.version(),
                        percent(rate), evaluation.map(e -> String.valueOf(e.modelCalls())).orElse("-"),
                        evaluation.map(e -> String.valueOf(e.tokens())).orElse("-")));
            } else {
                refinements.add("| %d | %s | - | - | - | - |".formatted(round, status));
            }
            int production = catalog.production(id).version().version();
            if (roundsToTarget == null && passRate.getOrDefault(production, 0.0) >= TARGET) {
                roundsToTarget = round;
            }
        }

        String report = report(model.defaultModelName(), passRate, refinements, roundsToTarget, rejected,
                promotionsThatLowered);
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/learning.md"), report);
        Files.writeString(Path.of("target/benchmarks/learning.svg"), LineChart.svg("Held-out check pass rate by "
                + "version (" + model.defaultModelName() + ")", passRate.keySet().stream().map(v -> "v" + v).toList(),
                new ArrayList<>(passRate.values()), TARGET));
        System.out.println(report);
        assertThat(roundsToTarget).as("rounds of refinement to reach %s", TARGET).isNotNull().isLessThanOrEqualTo(3);
        assertThat(promotionsThatLowered).isZero();
    }

    /** Scores a version on the held-out rows: the share of checks its outputs pass. Nothing is stored. */
    private double score(PromptVersion version, List<Map<String, String>> rows) {
        int passed = 0;
        int total = 0;
        for (var row : rows) {
            String output = model.complete(ModelPurpose.RENDER, MessageComposer.compose(version, row), version.model()).text();
            var results = OutputChecks.run(version.checks(), output, row);
            passed += OutputChecks.passed(results);
            total += results.size();
        }
        return total == 0 ? 1.0 : (double) passed / total;
    }

    /** What a user writes when they notice what a failed check noticed. */
    private static String userCritique(JsonNode check) {
        String detail = check.get("detail").asText();
        if (detail.contains("`price`")) {
            return "The price is missing, customers need it.";
        }
        if (detail.contains("`colour`")) {
            return "Where is our brand colour? Put the hex code in.";
        }
        if (detail.contains("`logo`")) {
            return "The logo URL is gone, there is an emoji instead.";
        }
        return "Too long for the product page.";
    }

    private static String report(String modelName, Map<Integer, Double> passRate, List<String> refinements,
            Integer roundsToTarget, int rejected, int lowered) {
        StringBuilder out = new StringBuilder("# Learning benchmark (model: " + modelName + ")\n\n");
        out.append("Held-out check pass rate by version (12 rows, 4 checks each):\n\n| version | pass rate |\n|---|---|\n");
        passRate.forEach((version, rate) -> out.append("| ").append(version).append(" | ").append(percent(rate))
                .append(" |\n"));
        out.append("\nRefinements (one per round, after ").append(ROWS_PER_ROUND)
                .append(" training renders):\n\n| round | outcome | version | held-out pass rate | model calls | tokens |\n")
                .append("|---|---|---|---|---|---|\n");
        refinements.forEach(line -> out.append(line).append('\n'));
        out.append("\nRounds to reach ").append(percent(TARGET)).append(": ")
                .append(roundsToTarget == null ? "not reached" : roundsToTarget)
                .append("; regressions caught by the gate (rejected versions): ").append(rejected)
                .append("; promotions that lowered the held-out pass rate: ").append(lowered).append('\n');
        return out.toString();
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100);
    }

    /** Deterministic spreadsheet rows. */
    static List<Map<String, String>> rows(int count) {
        String[] products = {"Aurora Lamp", "Borealis Kettle", "Cirrus Chair", "Delta Backpack", "Ember Candle",
                "Fjord Mug", "Glacier Bottle", "Harbor Blanket", "Isle Speaker", "Juniper Soap", "Kelp Towel",
                "Lumen Clock"};
        String[] taglines = {"Light that follows you", "Boils in a breath", "Sit like you mean it",
                "Carry the day", "Warmth you can smell", "Coffee, elevated"};
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String product = products[i % products.length] + (i >= products.length ? " " + (i / products.length + 1) : "");
            rows.add(Map.of("name", product,
                    "price", String.format(Locale.ROOT, "$%d.%02d", 9 + (i * 7) % 90, (i * 37) % 100),
                    "colour", String.format(Locale.ROOT, "#%06X", (0x1F4E79 + i * 0x0A3B17) & 0xFFFFFF),
                    "logo", "https://cdn.example.com/logos/" + product.toLowerCase(Locale.ROOT).replace(' ', '-') + ".png",
                    "tagline", taglines[i % taglines.length]));
        }
        return rows;
    }
}
