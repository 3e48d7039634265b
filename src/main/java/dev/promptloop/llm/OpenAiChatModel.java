package dev.promptloop.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.render.ChatModel;
import dev.promptloop.render.Message;
import dev.promptloop.render.ModelPurpose;
import dev.promptloop.render.ModelReply;
import dev.promptloop.render.ModelUnavailableException;
import dev.promptloop.render.Usage;
import dev.promptloop.wiring.PromptloopConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Runs messages on any OpenAI-compatible endpoint through the langchain4j model the extension configures
 * ({@code quarkus.langchain4j.openai.*}); each version's own model name, temperature and token cap override the
 * deployment defaults per request. The optimizer and the judge ask for their answer's JSON schema
 * ({@link AnswerSchemas}) unless {@code promptloop.model.structured-output} is off.
 *
 * <p>Each HTTP attempt times out after {@code quarkus.langchain4j.openai.timeout} (6 s). The langchain4j client
 * retries a 5xx or a rate limit once by itself (its configuration cannot go lower); on top of that, a transient
 * failure is retried once more here after a jittered pause, so at most four attempts, all within 25 s: a render
 * answers before API Gateway's 30 s limit. A circuit breaker stops calling a model that keeps failing and lets one
 * call through after 30 s. Other failures (a rejected key, an unknown model) are not retried.
 */
@ApplicationScoped
@Typed(OpenAiChatModel.class) // offered to the core only through ChatModels, which chooses between it and the simulation
public class OpenAiChatModel implements ChatModel {

    private final dev.langchain4j.model.chat.ChatModel model;
    private final String defaultModelName;
    private final boolean structuredOutput;

    public OpenAiChatModel(dev.langchain4j.model.chat.ChatModel model, PromptloopConfig config) {
        this.model = model;
        this.defaultModelName = config.model().defaultName();
        this.structuredOutput = config.model().structuredOutput();
    }

    @Override
    @Retry(maxRetries = 1, delay = 250, jitter = 200, maxDuration = 25, durationUnit = ChronoUnit.SECONDS,
            retryOn = ModelUnavailableException.Transient.class)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            failOn = ModelUnavailableException.class)
    public ModelReply complete(ModelPurpose purpose, List<Message> messages, ModelSettings settings) {
        List<ChatMessage> chat = messages.stream().map(OpenAiChatModel::toChatMessage).toList();
        var parameters = ChatRequestParameters.builder()
                .modelName(settings.name())
                .temperature(settings.temperature())
                .maxOutputTokens(settings.maxTokens())
                .responseFormat(structuredOutput ? AnswerSchemas.of(purpose).orElse(null) : null)
                .build();
        ChatResponse response;
        try {
            response = model.chat(ChatRequest.builder().messages(chat).parameters(parameters).build());
        } catch (RuntimeException e) {
            throw classify(e);
        }
        if (response == null || response.aiMessage() == null || response.aiMessage().text() == null) {
            throw new ModelUnavailableException.Transient("the model answered without text", null);
        }
        var tokens = response.tokenUsage();
        var usage = tokens == null ? new Usage(0, 0)
                : new Usage(orZero(tokens.inputTokenCount()), orZero(tokens.outputTokenCount()));
        String name = response.modelName() != null ? response.modelName()
                : settings.name() != null ? settings.name() : defaultModelName;
        return new ModelReply(response.aiMessage().text(), name, usage);
    }

    @Override
    public String defaultModelName() {
        return defaultModelName;
    }

    /**
     * Rate limits, server errors, timeouts, a connection that cannot be made or breaks (the REST client wraps the
     * I/O error: refused, reset, closed without an answer) and an unreadable API key secret may pass; anything else
     * will fail the same way again.
     */
    static ModelUnavailableException classify(RuntimeException e) {
        boolean transientFailure = e instanceof RateLimitException || e instanceof InternalServerException
                || e instanceof TimeoutException || hasTransientCause(e)
                || e instanceof HttpException http && (http.statusCode() == 429 || http.statusCode() >= 500);
        String message = "the model call failed: " + e.getClass().getSimpleName();
        return transientFailure ? new ModelUnavailableException.Transient(message, e)
                : new ModelUnavailableException(message, e);
    }

    private static boolean hasTransientCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof ApiKeyUnavailableException) {
                return true;
            }
        }
        return false;
    }

    private static ChatMessage toChatMessage(Message message) {
        return switch (message.role()) {
            case SYSTEM -> SystemMessage.from(message.content());
            case USER -> UserMessage.from(message.content());
        };
    }

    private static int orZero(Integer count) {
        return count == null ? 0 : count;
    }
}
