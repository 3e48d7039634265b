package dev.promptloop.prompt;

import java.util.List;
import java.util.Set;

/** A version seen together with the head, so a reply can say which labels point at it and where it stands. */
public record PromptView(PromptHead head, PromptVersion version, VersionStatus status) {

    /** @param rolledBack versions production was taken away from (or whose canary ended), at least this one if so */
    public static PromptView of(PromptHead head, PromptVersion version, Set<Integer> rolledBack) {
        return new PromptView(head, version, VersionStatus.of(head, version, rolledBack));
    }

    public List<String> labels() {
        return head.labelsOf(version.version());
    }
}
