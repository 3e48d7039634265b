package dev.promptloop.llm;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.render.ChatModel;
import dev.promptloop.render.Message;
import dev.promptloop.render.ModelReply;
import dev.promptloop.render.ModelUnavailableException;
import dev.promptloop.render.Usage;

import java.util.List;

/**
 * Runs messages on any OpenAI-compatible endpoint through the langchain4j model the extension configures
 * ({@code quarkus.langchain4j.openai.*}); each version's own model name, temperature and token cap override the
 * deployment defaults per request.
 */
public class OpenAiChatModel implements ChatModel {

    private final dev.langchain4j.model.chat.ChatModel model;
    private final String defaultModelName;

    public OpenAiChatModel(dev.langchain4j.model.chat.ChatModel model, String defaultModelName) {
        this.model = model;
        this.defaultModelName = defaultModelName;
    }

    @Override
    public ModelReply complete(List<Message> messages, ModelSettings settings) {
        List<ChatMessage> chat = messages.stream().map(OpenAiChatModel::toChatMessage).toList();
        var parameters = ChatRequestParameters.builder()
                .modelName(settings.name())
                .temperature(settings.temperature())
                .maxOutputTokens(settings.maxTokens())
                .build();
        ChatResponse response;
        try {
            response = model.chat(ChatRequest.builder().messages(chat).parameters(parameters).build());
        } catch (RuntimeException e) {
            throw new ModelUnavailableException("the model call failed: " + e.getClass().getSimpleName(), e);
        }
        if (response == null || response.aiMessage() == null || response.aiMessage().text() == null) {
            throw new ModelUnavailableException("the model answered without text", null);
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
