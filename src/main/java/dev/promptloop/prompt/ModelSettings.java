package dev.promptloop.prompt;

/** Per-prompt model settings; a null field means "the deployment's default". */
public record ModelSettings(String name, Double temperature, Integer maxTokens) {

    public static final ModelSettings DEFAULTS = new ModelSettings(null, null, null);
}
