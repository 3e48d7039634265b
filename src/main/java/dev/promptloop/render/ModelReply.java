package dev.promptloop.render;

/** What a chat model answered, with the model name it reported. */
public record ModelReply(String text, String model, Usage usage) {
}
