package dev.promptloop.llm;

import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.render.ChatModel;
import dev.promptloop.render.Message;
import dev.promptloop.render.ModelPurpose;
import dev.promptloop.render.ModelReply;
import dev.promptloop.render.Usage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deterministic stand-in for a real model, used when no model endpoint is configured, so the loop can be watched
 * without an account. It is forgetful on purpose: it drops prices and brand colours and swaps logo URLs for an emoji
 * unless the system message (where learned rules go) asks for them; as the optimizer it turns critiques about those
 * three things into rules; as the judge it prefers the output that keeps more of what the rubric asks about. It
 * never pretends to be a real model: every reply names it.
 */
public class SimulatedChatModel implements ChatModel {

    public static final String NAME = "simulated-forgetful";

    private static final Pattern CRITIQUE = Pattern.compile("<critique label=\"(c\\d+)\">(.*?)</critique>", Pattern.DOTALL);
    private static final Pattern RUBRIC = Pattern.compile("<rubric>(.*?)</rubric>", Pattern.DOTALL);
    private static final Pattern OUTPUT = Pattern.compile("<output name=\"([AB])\">(.*?)</output>", Pattern.DOTALL);

    /** What a forgetful model forgets, how to spot it, and which words in the system message make it remember. */
    private enum Fact {
        PRICE(Pattern.compile("(?:[$€£]\\s?)?\\b\\d+[.,]\\d{2}\\b(?:\\s?(?:USD|EUR|GBP))?"), Set.of("price"), "",
                "Always state the price exactly as given in the input."),
        COLOUR(Pattern.compile("#[0-9A-Fa-f]{6}\\b"), Set.of("colour", "color", "hex"), "",
                "Always mention the brand colour by its exact hex code."),
        LOGO(Pattern.compile("https?://\\S+"), Set.of("logo", "url"), "🖼️",
                "Always include the logo URL exactly as given; never replace it with an emoji.");

        final Pattern pattern;
        final Set<String> keywords;
        final String replacement;
        final String rule;

        Fact(Pattern pattern, Set<String> keywords, String replacement, String rule) {
            this.pattern = pattern;
            this.keywords = keywords;
            this.replacement = replacement;
            this.rule = rule;
        }

        boolean mentionedIn(String text) {
            return keywords.stream().anyMatch(text::contains);
        }
    }

    @Override
    public ModelReply complete(ModelPurpose purpose, List<Message> messages, ModelSettings settings) {
        String system = messages.stream().filter(m -> m.role() == Message.Role.SYSTEM).map(Message::content)
                .findFirst().orElse("");
        String user = messages.stream().filter(m -> m.role() == Message.Role.USER).map(Message::content)
                .reduce("", (a, b) -> a + "\n" + b).strip();
        String text = switch (purpose) {
            case OPTIMIZE -> proposeRules(user);
            case JUDGE -> judge(user);
            case RENDER -> write(system, user);
        };
        int input = tokens(system) + tokens(user);
        return new ModelReply(text, NAME, new Usage(input, tokens(text)));
    }

    @Override
    public String defaultModelName() {
        return NAME;
    }

    private static String write(String system, String user) {
        String instructions = system.toLowerCase(Locale.ROOT);
        String copy = user;
        for (Fact fact : Fact.values()) {
            if (!fact.mentionedIn(instructions)) {
                copy = fact.pattern.matcher(copy).replaceAll(Matcher.quoteReplacement(fact.replacement));
            }
        }
        return copy.replaceAll("[ \\t]{2,}", " ").replaceAll(" +([,.;:!?])", "$1").strip();
    }

    private static String proposeRules(String user) {
        Map<Fact, Set<String>> citations = new LinkedHashMap<>();
        Matcher critique = CRITIQUE.matcher(user);
        while (critique.find()) {
            String text = critique.group(2).toLowerCase(Locale.ROOT);
            for (Fact fact : Fact.values()) {
                if (fact.mentionedIn(text) || fact == Fact.LOGO && text.contains("emoji")) {
                    citations.computeIfAbsent(fact, f -> new LinkedHashSet<>()).add(critique.group(1));
                }
            }
        }
        List<String> rules = new ArrayList<>();
        citations.forEach((fact, labels) -> rules.add("{\"rule\":\"" + fact.rule + "\",\"critiques\":["
                + String.join(",", labels.stream().map(l -> "\"" + l + "\"").toList()) + "]}"));
        return "{\"rules\":[" + String.join(",", rules) + "]}";
    }

    /** Prefers the output that keeps more of the facts the rubric asks about; equal counts are a tie. */
    private static String judge(String user) {
        Matcher rubric = RUBRIC.matcher(user);
        String asked = rubric.find() ? rubric.group(1).toLowerCase(Locale.ROOT) : "";
        Map<String, Integer> kept = new LinkedHashMap<>();
        Matcher output = OUTPUT.matcher(user);
        while (output.find()) {
            int count = 0;
            for (Fact fact : Fact.values()) {
                boolean wanted = fact.mentionedIn(asked) || fact == Fact.LOGO && asked.contains("emoji");
                if (wanted && fact.pattern.matcher(output.group(2)).find()) {
                    count++;
                }
            }
            kept.put(output.group(1), count);
        }
        int a = kept.getOrDefault("A", 0);
        int b = kept.getOrDefault("B", 0);
        return "{\"winner\": \"" + (a > b ? "A" : b > a ? "B" : "tie") + "\"}";
    }

    private static int tokens(String text) {
        return (text.length() + 3) / 4;
    }
}
