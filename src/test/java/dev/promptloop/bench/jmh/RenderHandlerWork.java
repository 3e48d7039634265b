package dev.promptloop.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackRepository;
import dev.promptloop.feedback.Tally;
import dev.promptloop.handler.ApiEvents;
import dev.promptloop.handler.Metrics;
import dev.promptloop.handler.RenderHandler;
import dev.promptloop.handler.Route;
import dev.promptloop.idempotency.IdempotencyRecords;
import dev.promptloop.prompt.NewPrompt;
import dev.promptloop.prompt.PromptCatalog;
import dev.promptloop.prompt.ServingCache;
import dev.promptloop.render.ChatModel;
import dev.promptloop.render.ModelReply;
import dev.promptloop.render.Render;
import dev.promptloop.render.RenderRepository;
import dev.promptloop.render.Renderer;
import dev.promptloop.render.Usage;
import dev.promptloop.support.ApiGatewayEvents;
import dev.promptloop.support.Prompts;
import dev.promptloop.support.memory.InMemoryPrompts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The render handler's own work for an API Gateway HTTP API event, I/O stubbed: read the event bytes, decode and
 * validate the body, resolve the (cached) version, compose the messages, run the checks on a canned model answer,
 * build the response and write it as bytes. Storage and the model answer instantly.
 */
@State(Scope.Benchmark)
public class RenderHandlerWork {

    static final ObjectMapper JSON = new ObjectMapper();

    RenderHandler handler;
    byte[] event;

    @Setup
    public void wire() throws Exception {
        Clock clock = Clock.systemUTC();
        var prompts = new InMemoryPrompts();
        new PromptCatalog(prompts, clock).create(NewPrompt.of("bench", Prompts.SYSTEM, Prompts.USER_TEMPLATE,
                dev.promptloop.prompt.ModelSettings.DEFAULTS, List.of("Never mention competitors."),
                List.of(new dev.promptloop.check.OutputCheck.ContainsVariable("price")),
                dev.promptloop.prompt.RefinementSettings.DEFAULTS), "bench");
        var catalog = new PromptCatalog(new ServingCache(prompts, clock, Duration.ofSeconds(5), 16), clock);
        ChatModel model = new ChatModel() {
            public ModelReply complete(dev.promptloop.render.ModelPurpose purpose,
                    List<dev.promptloop.render.Message> messages,
                    dev.promptloop.prompt.ModelSettings settings) {
                return new ModelReply("Aurora Lamp for $49.99, light that follows you.", "stub", new Usage(120, 20));
            }

            public String defaultModelName() {
                return "stub";
            }
        };
        var renderer = new Renderer(catalog, new NoRenders(), new NoFeedback(), model, clock, Duration.ofDays(7));
        var metrics = new Metrics(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8),
                clock);
        handler = new RenderHandler(new ApiEvents(metrics, new NoIdempotency()), renderer);
        var body = JSON.createObjectNode();
        var variables = body.putObject("variables");
        Prompts.ROW.forEach(variables::put);
        event = JSON.writeValueAsBytes(ApiGatewayEvents.v2(Route.RENDER, Map.of("id", "bench"), body.toString()));
    }

    @Benchmark
    public byte[] handleEvent() throws Exception {
        JsonNode request = JSON.readTree(event);
        return JSON.writeValueAsBytes(handler.handleRequest(request, null));
    }

    static final class NoRenders implements RenderRepository {
        public void save(Render render, Instant expiresAt) {
        }

        public List<Render> findAll(Collection<String> renderIds) {
            return List.of();
        }
    }

    static final class NoFeedback implements FeedbackRepository {
        public boolean saveIfRenderLive(Feedback feedback, Instant now) {
            return true;
        }

        public void saveAll(List<Feedback> feedback) {
        }

        public List<Feedback> pendingNegative(String promptId, int version, int limit) {
            return List.of();
        }

        public int countPending(String promptId, int version) {
            return 0;
        }

        public dev.promptloop.core.Page<dev.promptloop.feedback.FeedbackEntry> review(String promptId,
                dev.promptloop.feedback.FeedbackQuery query) {
            return dev.promptloop.core.Page.last(List.of());
        }

        public Map<Integer, Tally> tallySince(String promptId, Instant since) {
            return Map.of();
        }

        public List<Feedback> recentPositive(String promptId, int limit) {
            return List.of();
        }
    }

    static final class NoIdempotency implements IdempotencyRecords {
        public Optional<Existing> claim(String key, String requestHash, Duration lock) {
            throw new IllegalStateException("the benchmark sends no Idempotency-Key");
        }

        public void complete(String key, StoredResponse response) {
        }

        public void release(String key) {
        }
    }
}
