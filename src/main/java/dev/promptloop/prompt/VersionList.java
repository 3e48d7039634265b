package dev.promptloop.prompt;

import dev.promptloop.core.Page;

/** A page of a prompt's versions, newest first, with the head they were read with. */
public record VersionList(PromptHead head, Page<PromptView> versions) {
}
