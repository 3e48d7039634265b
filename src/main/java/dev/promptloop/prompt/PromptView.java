package dev.promptloop.prompt;

import java.util.List;

/** A version seen together with the head, so a reply can say which labels point at it. */
public record PromptView(PromptHead head, PromptVersion version) {

    public List<String> labels() {
        return head.labelsOf(version.version());
    }
}
