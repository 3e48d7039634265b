package dev.promptloop.render;

import dev.promptloop.prompt.ModelSettings;

import java.util.List;

/**
 * The one thing the core needs from a language model. Implementations throw {@link ModelUnavailableException} when
 * the model cannot answer, so callers can tell "try later" from a bug.
 */
public interface ChatModel {

    ModelReply complete(ModelPurpose purpose, List<Message> messages, ModelSettings settings);

    /** The model name to report when a version does not choose one. */
    String defaultModelName();
}
