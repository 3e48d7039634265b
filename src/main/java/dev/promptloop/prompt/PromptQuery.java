package dev.promptloop.prompt;

import dev.promptloop.core.PageRequest;

import java.util.Optional;

/** A page of the prompts, by id, of those with one tag or of all. */
public record PromptQuery(Optional<String> tag, PageRequest page) {
}
