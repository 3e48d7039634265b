package dev.promptloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.promptloop.evaluation.JudgePrompt;
import dev.promptloop.refinement.OptimizerPrompt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The simulated world of the long-run benchmark, served as an OpenAI-compatible chat completions endpoint, so the
 * benchmark runs the same against it and against a real one. Four failure modes appear at different rounds: from
 * then on the model drops that fact unless a learned rule names it, and it follows each rule less reliably the more
 * learned rules there are (deterministically per rule and input, so a version answers an input the same every time).
 * Its optimizer adds a rule per problem, rewords the rule of a problem that recurs, turns irrelevant critiques into
 * style rules, and retires those when told the rules are over their budget; its judge prefers the output that
 * keeps more of what the rubric asks about.
 */
final class LongRunWorld implements AutoCloseable {

    /** A fact the model may drop, the words that name it, and the round from which it drops it. */
    enum Fact {
        PRICE(Pattern.compile("\\$\\d+\\.\\d\\d"), List.of("price"), 1),
        COLOUR(Pattern.compile("#[0-9A-F]{6}"), List.of("colour", "color", "hex"), 12),
        LOGO(Pattern.compile("https://\\S+\\.png"), List.of("logo", "emoji"), 24),
        TAGLINE(Pattern.compile("Tagline: [^.]+"), List.of("tagline", "slogan"), 36);

        final Pattern pattern;
        final List<String> words;
        final int appearsAt;

        Fact(Pattern pattern, List<String> words, int appearsAt) {
            this.pattern = pattern;
            this.words = words;
            this.appearsAt = appearsAt;
        }

        boolean namedIn(String text) {
            String lower = text.toLowerCase(Locale.ROOT);
            return words.stream().anyMatch(lower::contains);
        }
    }

    static final int LAST_APPEARANCE = Fact.TAGLINE.appearsAt;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RULES_HEADING = "Rules learned from feedback (follow all of them):";
    private static final Pattern CRITIQUE = Pattern.compile("<critique label=\"(c\\d+)\">(.*?)</critique>",
            Pattern.DOTALL);
    private static final Pattern EXISTING = Pattern.compile("^- \\[(r\\d+)] (.+?)(?: \\(critiqued again.*)?$",
            Pattern.MULTILINE);
    private static final Pattern OUTPUT = Pattern.compile("<output name=\"([AB])\">(.*?)</output>", Pattern.DOTALL);
    private static final Pattern RUBRIC = Pattern.compile("<rubric>(.*?)</rubric>", Pattern.DOTALL);
    /** How the optimizer first words a fact's rule, and how it rewords one whose problem recurs. */
    private static final Map<Fact, List<String>> WORDINGS = Map.of(
            Fact.PRICE, List.of("State the price exactly.", "Always state the price exactly as given."),
            Fact.COLOUR, List.of("Give the brand colour's hex code.", "Always give the exact brand colour hex."),
            Fact.LOGO, List.of("Include the logo URL, not an emoji.", "Always include the logo URL exactly."),
            Fact.TAGLINE, List.of("End with the tagline.", "Always end with the tagline, word for word."));

    /** The name the world answers as; the benchmark reports it. */
    static final String NAME = "long-run-world";
    /** Where the benchmark says which round it is (the application and the test may hold different class loaders). */
    static final String ROUND_PATH = "/world/round";

    private final AtomicInteger round = new AtomicInteger(1);
    private final HttpServer server;

    LongRunWorld() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody());
            String answer = answer(request.get("messages"));
            int input = request.get("messages").toString().length() / 4;
            ObjectNode body = JSON.createObjectNode().put("id", "world").put("object", "chat.completion")
                    .put("created", 1_700_000_000).put("model", NAME);
            ObjectNode choice = body.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
            choice.putObject("message").put("role", "assistant").put("content", answer);
            body.putObject("usage").put("prompt_tokens", input).put("completion_tokens", answer.length() / 4)
                    .put("total_tokens", input + answer.length() / 4);
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.createContext(ROUND_PATH, exchange -> {
            round.set(Integer.parseInt(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .strip()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private String answer(JsonNode messages) {
        String system = messages.get(0).path("role").asText().equals("system") ? messages.get(0).path("content")
                .asText() : "";
        List<String> users = new ArrayList<>();
        messages.forEach(m -> {
            if (m.path("role").asText().equals("user")) {
                users.add(m.path("content").asText());
            }
        });
        if (system.startsWith(OptimizerPrompt.MARKER)) {
            return optimize(users.get(0), users.size() > 1);
        }
        if (system.startsWith(JudgePrompt.MARKER)) {
            return judge(users.get(0));
        }
        return render(system, String.join("\n", users));
    }

    /** Keeps each active fact only when a rule names it and that rule is followed for this input. */
    String render(String system, String user) {
        List<String> rules = learnedRules(system);
        String copy = user;
        for (Fact fact : Fact.values()) {
            if (fact.appearsAt > round.get()) {
                continue;
            }
            boolean kept = rules.stream().anyMatch(rule -> fact.namedIn(rule) && !rule.startsWith("Do not")
                    && followed(rule, user, rules.size()));
            if (!kept) {
                copy = fact.pattern.matcher(copy).replaceAll(fact == Fact.LOGO ? "🖼️" : "");
            }
        }
        return copy.replaceAll("\\s{2,}", " ").strip();
    }

    /** Up to six rules are followed always; each one more makes every rule 5 points less reliable. */
    static boolean followed(String rule, String input, int rules) {
        double reliability = Math.max(0.4, 1.0 - 0.05 * Math.max(0, rules - 6));
        var crc = new CRC32();
        crc.update((rule + "\n" + input).getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 1_000 < reliability * 1_000;
    }

    private static List<String> learnedRules(String system) {
        int at = system.indexOf(RULES_HEADING);
        if (at < 0) {
            return List.of();
        }
        List<String> rules = new ArrayList<>();
        for (String line : system.substring(at + RULES_HEADING.length()).split("\n")) {
            if (line.startsWith("- ")) {
                rules.add(line.substring(2));
            } else if (!line.isBlank()) {
                break;
            }
        }
        return rules;
    }

    private String optimize(String user, boolean consolidate) {
        Map<String, String> existing = new LinkedHashMap<>();
        Matcher rule = EXISTING.matcher(user);
        while (rule.find()) {
            existing.put(rule.group(1), rule.group(2));
        }
        Map<Fact, List<String>> about = new LinkedHashMap<>();
        List<String> style = new ArrayList<>();
        Matcher critique = CRITIQUE.matcher(user);
        while (critique.find()) {
            String text = critique.group(2);
            Fact fact = null;
            for (Fact f : Fact.values()) {
                if (f.namedIn(text)) {
                    fact = f;
                }
            }
            if (fact != null && !text.contains("leave the") && !text.contains("Leave the")) {
                about.computeIfAbsent(fact, f -> new ArrayList<>()).add(critique.group(1));
            } else if (fact == null) {
                style.add(critique.group(1));
            }
        }
        List<String> adds = new ArrayList<>();
        List<String> edits = new ArrayList<>();
        about.forEach((fact, labels) -> {
            String label = existing.entrySet().stream().filter(e -> fact.namedIn(e.getValue()))
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            String cited = quoted(labels);
            if (label == null) {
                adds.add("{\"rule\": \"" + WORDINGS.get(fact).get(0) + "\", \"critiques\": " + cited + "}");
            } else if (!existing.get(label).equals(WORDINGS.get(fact).get(1))) {
                edits.add("{\"op\": \"reword\", \"target\": \"" + label + "\", \"rule\": \""
                        + WORDINGS.get(fact).get(1) + "\", \"critiques\": " + cited + "}");
            }
        });
        List<String> styleRules = existing.entrySet().stream()
                .filter(e -> Arrays.stream(Fact.values()).noneMatch(f -> f.namedIn(e.getValue())))
                .map(Map.Entry::getKey).toList();
        if (!style.isEmpty()) {
            adds.add("{\"rule\": \"Make the copy lively, style number " + (existing.size() + 1) + ".\", "
                    + "\"critiques\": " + quoted(style) + "}");
        }
        if (consolidate) {
            for (String label : styleRules) {
                edits.add("{\"op\": \"retire\", \"target\": \"" + label + "\", \"reason\": \"a style wish, not a "
                        + "problem of the output\"}");
            }
        }
        return "{\"rules\": [" + String.join(", ", adds) + "], \"edits\": [" + String.join(", ", edits) + "]}";
    }

    private static String judge(String user) {
        Matcher rubric = RUBRIC.matcher(user);
        String asked = rubric.find() ? rubric.group(1) : "";
        Map<String, Integer> kept = new LinkedHashMap<>();
        Matcher output = OUTPUT.matcher(user);
        while (output.find()) {
            int count = 0;
            for (Fact fact : Fact.values()) {
                if (fact.namedIn(asked) && fact.pattern.matcher(output.group(2)).find()) {
                    count++;
                }
            }
            kept.put(output.group(1), count);
        }
        int a = kept.getOrDefault("A", 0);
        int b = kept.getOrDefault("B", 0);
        return "{\"winner\": \"" + (a > b ? "A" : b > a ? "B" : "tie") + "\"}";
    }

    private static String quoted(List<String> labels) {
        return "[" + String.join(", ", labels.stream().map(l -> "\"" + l + "\"").toList()) + "]";
    }
}
