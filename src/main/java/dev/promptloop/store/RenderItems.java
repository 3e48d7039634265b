package dev.promptloop.store;

import dev.promptloop.check.CheckResult;
import dev.promptloop.render.Message;
import dev.promptloop.render.Render;
import dev.promptloop.render.Usage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.promptloop.store.Attributes.integer;
import static dev.promptloop.store.Attributes.number;
import static dev.promptloop.store.Attributes.optionalString;
import static dev.promptloop.store.Attributes.putIfPresent;
import static dev.promptloop.store.Attributes.string;
import static dev.promptloop.store.TableSchemas.RENDER_PK;
import static dev.promptloop.store.TableSchemas.RENDER_TTL;

/** Maps renders to and from items of the renders table. */
final class RenderItems {

    private RenderItems() {
    }

    static Map<String, AttributeValue> item(Render render, Instant expiresAt) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(RENDER_PK, AttributeValue.fromS(render.renderId()));
        ItemFormat.stamp(item);
        item.put("promptId", AttributeValue.fromS(render.promptId()));
        item.put("version", number(render.version()));
        Map<String, AttributeValue> variables = new HashMap<>();
        render.variables().forEach((name, value) -> variables.put(name, AttributeValue.fromS(value)));
        item.put("variables", AttributeValue.fromM(variables));
        item.put("messages", AttributeValue.fromL(render.messages().stream()
                .map(m -> AttributeValue.fromM(Map.of("role", AttributeValue.fromS(m.role().name()),
                        "content", AttributeValue.fromS(m.content()))))
                .toList()));
        putIfPresent(item, "output", render.output());
        item.put("model", AttributeValue.fromS(render.model()));
        render.usage().ifPresent(u -> {
            item.put("inputTokens", number(u.inputTokens()));
            item.put("outputTokens", number(u.outputTokens()));
        });
        if (!render.checks().isEmpty()) {
            item.put("checks", AttributeValue.fromL(render.checks().stream().map(c -> AttributeValue.fromM(Map.of(
                    "type", AttributeValue.fromS(c.type()), "passed", AttributeValue.fromBool(c.passed()),
                    "detail", AttributeValue.fromS(c.detail())))).toList()));
        }
        item.put("createdAt", AttributeValue.fromS(render.createdAt().toString()));
        item.put(RENDER_TTL, number(expiresAt.getEpochSecond()));
        return item;
    }

    static Render render(Map<String, AttributeValue> item) {
        Map<String, String> variables = new HashMap<>();
        Attributes.map(item, "variables").forEach((name, value) -> variables.put(name, value.s()));
        var messages = Attributes.list(item, "messages").stream()
                .map(v -> new Message(Message.Role.valueOf(string(v.m(), "role")), string(v.m(), "content")))
                .toList();
        Optional<Usage> usage = item.containsKey("inputTokens")
                ? Optional.of(new Usage(integer(item, "inputTokens", 0), integer(item, "outputTokens", 0)))
                : Optional.empty();
        List<CheckResult> checks = Attributes.list(item, "checks").stream()
                .map(v -> new CheckResult(string(v.m(), "type"), Attributes.bool(v.m(), "passed", false),
                        string(v.m(), "detail")))
                .toList();
        return new Render(string(item, RENDER_PK), string(item, "promptId"), integer(item, "version", 0), variables,
                messages, optionalString(item, "output"), string(item, "model"), usage, checks,
                Attributes.instant(item, "createdAt"));
    }

    static long expiresAt(Map<String, AttributeValue> item) {
        return Attributes.longValue(item, RENDER_TTL, 0);
    }
}
