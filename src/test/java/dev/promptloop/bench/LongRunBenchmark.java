package dev.promptloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.check.OutputChecks;
import dev.promptloop.handler.RefineHandler;
import dev.promptloop.prompt.Evaluation;
import dev.promptloop.prompt.PromptCatalog;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.render.ChatModel;
import dev.promptloop.render.MessageComposer;
import dev.promptloop.render.ModelPurpose;
import dev.promptloop.suite.CaseRepository;
import dev.promptloop.suite.RegressionCase;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The long-run learning benchmark: 50 rounds on the learning benchmark's rows in a richer simulated world
 * ({@link LongRunWorld}): four failure modes that appear at rounds 1, 12, 24 and 36, critiques of which a fifth are
 * irrelevant and a seventh ask for the opposite (and every third round an irrelevant one on a complete render), and a
 * model that follows its rules less reliably the more there are. It runs twice: with a rule budget, and without one
 * for comparison. Each round simulated users render four training rows, critique what they see missing and like what is
 * complete, and the refine function runs; then production is scored on twelve held-out rows.
 *
 * <p>Run with {@code ./mvnw test -Dtest=LongRunBenchmark}; it writes target/benchmarks/long-run.md,
 * long-run-pass-rate.svg and long-run-rule-tokens.svg. With OPENAI_BASE_URL or OPENAI_API_KEY set it runs against
 * that endpoint instead of the simulated world, with the same report (the world's failure modes then are the real
 * model's own).
 */
@QuarkusTest
@PromptloopTest
@TestProfile(LongRunBenchmark.WorldOrEndpoint.class)
class LongRunBenchmark {

    static final int ROUNDS = 50;
    static final int ROWS_PER_ROUND = 4;
    static final int RULE_TOKENS = 50;
    static final int MAX_CALLS_PER_REFINEMENT = 30;
    static final double TARGET = 0.95;
    /** A critique about nothing the output got wrong; every third round one user leaves it on a complete render. */
    static final String NOISE = "Can it sound more exciting? Our brand is fun.";
    static final LongRunWorld WORLD = world();

    public static class WorldOrEndpoint implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(new LearningBenchmark.ModelFromEnvironment()
                    .getConfigOverrides());
            if ("simulated".equals(config.get("promptloop.model.provider"))) {
                config.put("promptloop.model.provider", "openai");
                config.put("promptloop.model.default-name", LongRunWorld.NAME);
                config.put("quarkus.langchain4j.openai.base-url", WORLD.baseUrl());
                config.put("quarkus.langchain4j.openai.api-key", "none");
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
    CaseRepository suite;
    @Inject
    ChatModel model;
    @ConfigProperty(name = "quarkus.langchain4j.openai.base-url")
    String endpoint;

    @Test
    void fiftyRoundsOfFailureModesNoiseAndARuleBudget() throws Exception {
        List<Round> rounds = run(RULE_TOKENS);
        List<Round> unbudgeted = run(RefinementSettings.MAX_RULE_TOKENS);

        write(rounds, unbudgeted, model.defaultModelName());
        int from = LongRunWorld.LAST_APPEARANCE + 2;
        assertThat(rounds.subList(from - 1, ROUNDS)).as("held-out pass rate from round %d", from)
                .allSatisfy(r -> assertThat(r.passRate()).as("round %d", r.round()).isGreaterThanOrEqualTo(TARGET));
        assertThat(rounds).allSatisfy(r -> {
            assertThat(r.ruleTokens()).as("round %d's rule tokens", r.round()).isLessThanOrEqualTo(RULE_TOKENS);
            assertThat(r.modelCalls()).as("round %d's model calls", r.round())
                    .isLessThanOrEqualTo(MAX_CALLS_PER_REFINEMENT);
            assertThat(r.lostStoredCases()).as("stored cases round %d's promotion lost", r.round()).isZero();
        });
    }

    /** Fifty rounds of one prompt with this rule budget, the world starting again at round one. */
    private List<Round> run(int ruleTokens) throws IOException, InterruptedException {
        String id = prompts.create(Prompts.uniqueId("long-run"), "{\"threshold\": 3, \"ruleTokens\": " + ruleTokens
                + ", \"evaluation\": {\"maxCases\": 6}}", """
                {"checks": [{"type": "contains-variable", "variable": "price"},
                            {"type": "contains-variable", "variable": "colour"},
                            {"type": "contains-variable", "variable": "logo"},
                            {"type": "contains-variable", "variable": "tagline"}]}""");
        List<Map<String, String>> rows = LearningBenchmark.rows(52);
        List<Map<String, String>> training = rows.subList(0, 40);
        List<Map<String, String>> heldOut = rows.subList(40, 52);
        List<Round> rounds = new ArrayList<>();
        int critiques = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            tellTheWorld(round);
            PromptVersion before = catalog.production(id).version();
            for (int i = 0; i < ROWS_PER_ROUND; i++) {
                JsonNode render = prompts.renderRow(id, training.get(((round - 1) * ROWS_PER_ROUND + i)
                        % training.size()));
                boolean complete = true;
                for (JsonNode check : render.get("checks")) {
                    if (!check.get("passed").asBoolean()) {
                        complete = false;
                        prompts.critique(render.get("renderId").asText(), critique(check, ++critiques));
                    }
                }
                if (complete && i == 0 && round % 3 == 0) {
                    prompts.critique(render.get("renderId").asText(), NOISE);
                } else if (complete) {
                    prompts.thumb(render.get("renderId").asText(), "up");
                }
            }
            int callsBefore = catalog.head(id).usage().modelCalls();
            JsonNode outcome = prompts.refine(refine, id);
            int calls = catalog.head(id).usage().modelCalls() - callsBefore;
            PromptVersion after = catalog.production(id).version();
            var written = outcome.has("version")
                    ? catalog.version(catalog.head(id), outcome.get("version").asInt()).evaluation()
                    : Optional.<Evaluation>empty();
            // a refinement that promoted; production also moves back when the watch rolls a promotion back
            boolean promoted = "refined".equals(outcome.get("status").asText()) && after.version() > before.version();
            int lost = promoted ? lostCases(id, before, after) : 0;
            var score = score(after, heldOut);
            rounds.add(new Round(round, outcome.get("status").asText(), after.version(), score.passRate(),
                    after.rules().size(), after.rules().stream().mapToInt(r -> r.tokens()).sum(), score.inputTokens(),
                    calls, promoted, "rejected".equals(outcome.get("status").asText()),
                    after.version() < before.version(),
                    written.map(e -> e.earlierLosses() > 0).orElse(false), lost, outcome.path("detail").asText()));
        }
        return rounds;
    }

    record Round(int round, String outcome, int production, double passRate, int rules, int ruleTokens,
            int renderInputTokens, int modelCalls, boolean promoted, boolean rejected, boolean rolledBack,
            boolean caught, int lostStoredCases, String detail) {
    }

    record Score(double passRate, int inputTokens) {
    }

    /** Production on the held-out rows: the share of checks passed, and the input tokens of one render. */
    private Score score(PromptVersion version, List<Map<String, String>> rows) {
        int passed = 0;
        int total = 0;
        int input = 0;
        for (var row : rows) {
            var reply = model.complete(ModelPurpose.RENDER, MessageComposer.compose(version, row), version.model());
            var results = OutputChecks.run(version.checks(), reply.text(), row);
            passed += OutputChecks.passed(results);
            total += results.size();
            input += reply.usage().inputTokens();
        }
        return new Score(total == 0 ? 1.0 : (double) passed / total, input / rows.size());
    }

    /** Stored cases whose checks the old production passes and the new one fails. */
    private int lostCases(String id, PromptVersion before, PromptVersion after) {
        int lost = 0;
        for (RegressionCase stored : suite.all(id)) {
            if (passes(before, stored) && !passes(after, stored)) {
                lost++;
            }
        }
        return lost;
    }

    private boolean passes(PromptVersion version, RegressionCase stored) {
        String output = model.complete(ModelPurpose.RENDER, MessageComposer.compose(version, stored.variables()),
                version.model()).text();
        var checks = new ArrayList<>(version.checks());
        checks.addAll(stored.checks());
        var results = OutputChecks.run(checks, output, stored.variables());
        return OutputChecks.passed(results) == results.size();
    }

    /** What a user writes about a failed check; a fifth of critiques are irrelevant, a seventh ask the opposite. */
    private static String critique(JsonNode check, int count) {
        if (count % 5 == 0) {
            return NOISE;
        }
        String detail = check.get("detail").asText();
        if (count % 7 == 0 && detail.contains("`price`")) {
            return "Leave the price out, it changes too often.";
        }
        for (String fact : List.of("price", "colour", "logo", "tagline")) {
            if (detail.contains("`" + fact + "`")) {
                return "The " + fact + " is missing" + (fact.equals("logo") ? ", there is an emoji instead." : ".");
            }
        }
        return "Something is off.";
    }

    private static void write(List<Round> rounds, List<Round> unbudgeted, String modelName) throws IOException {
        StringBuilder out = new StringBuilder("# Long-run learning benchmark (model: " + modelName + ")\n\n");
        out.append("| round | outcome | production | held-out pass rate | rules | rule tokens | render input tokens "
                + "| model calls | suite caught | stored cases lost | why |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Round r : rounds) {
            out.append(String.format(Locale.ROOT, "| %d | %s | v%d | %.0f%% | %d | %d | %d | %d | %s | %d | %s |%n",
                    r.round(), r.outcome(), r.production(), r.passRate() * 100, r.rules(), r.ruleTokens(),
                    r.renderInputTokens(), r.modelCalls(), r.caught() ? "yes" : "", r.lostStoredCases(),
                    r.rolledBack() ? "the watch rolled production back" : "below-threshold".equals(r.outcome()) ? ""
                            : r.detail().replace('|', '/')));
        }
        out.append(String.format(Locale.ROOT, "%nPromotions: %d; automatic rollbacks by the watch: %d; rejections: %d, "
                        + "of which the regression suite caught %d; stored cases a promotion lost: %d; most model calls "
                        + "in a refinement: %d; most rule tokens: %d of %d.%n",
                rounds.stream().filter(Round::promoted).count(), rounds.stream().filter(Round::rolledBack).count(),
                rounds.stream().filter(Round::rejected).count(), rounds.stream().filter(Round::caught).count(),
                rounds.stream().mapToInt(Round::lostStoredCases).sum(),
                rounds.stream().mapToInt(Round::modelCalls).max().orElse(0),
                rounds.stream().mapToInt(Round::ruleTokens).max().orElse(0), RULE_TOKENS));
        out.append(String.format(Locale.ROOT, "%nThe same world without a rule budget (ruleTokens %d), for comparison, "
                + "every fifth round:%n%n| round | production | held-out pass rate | rules | rule tokens |%n"
                + "|---|---|---|---|---|%n", RefinementSettings.MAX_RULE_TOKENS));
        for (Round r : unbudgeted) {
            if (r.round() % 5 == 0) {
                out.append(String.format(Locale.ROOT, "| %d | v%d | %.0f%% | %d | %d |%n", r.round(), r.production(),
                        r.passRate() * 100, r.rules(), r.ruleTokens()));
            }
        }
        Path dir = Path.of("target/benchmarks");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("long-run.md"), out);
        List<String> labels = rounds.stream().map(r -> r.round() % 5 == 0 ? String.valueOf(r.round()) : "").toList();
        Files.writeString(dir.resolve("long-run-pass-rate.svg"), LineChart.svg("Held-out check pass rate by round ("
                + modelName + ")", labels, rounds.stream().map(Round::passRate).toList(), TARGET));
        Files.writeString(dir.resolve("long-run-rule-tokens.svg"), LineChart.svg("Learned-rule tokens by round, "
                + "as a share of the budget of " + RULE_TOKENS, labels, rounds.stream()
                .map(r -> (double) r.ruleTokens() / RULE_TOKENS).toList(), 1.0));
        Files.writeString(dir.resolve("long-run-no-budget-pass-rate.svg"), LineChart.svg("Held-out check pass rate "
                + "by round without a rule budget", labels, unbudgeted.stream().map(Round::passRate).toList(), TARGET));
        System.out.println(out);
    }

    /** The failure modes of the world follow the rounds; a real endpoint has its own. */
    private void tellTheWorld(int round) throws IOException, InterruptedException {
        if (!model.defaultModelName().equals(LongRunWorld.NAME)) {
            return;
        }
        var uri = URI.create(endpoint.replaceFirst("/v1/$", "") + LongRunWorld.ROUND_PATH);
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .PUT(HttpRequest.BodyPublishers.ofString(String.valueOf(round))).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(204);
    }

    private static LongRunWorld world() {
        try {
            return new LongRunWorld();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
