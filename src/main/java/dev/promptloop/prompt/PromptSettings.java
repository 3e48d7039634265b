package dev.promptloop.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a prompt has beside its versions, changed by its owner and never by refinement: the refinement settings, a
 * description, tags, and whether it is archived (an archived prompt does not render and is not refined).
 */
public record PromptSettings(RefinementSettings refinement, Optional<String> description, List<String> tags,
        boolean archived) {

    public PromptSettings {
        tags = List.copyOf(tags);
    }

    /** A new prompt's: nothing but its refinement settings. */
    public static PromptSettings of(RefinementSettings refinement) {
        return new PromptSettings(refinement, Optional.empty(), List.of(), false);
    }

    /** The names of the settings that differ from {@code before}, in a fixed order. */
    public List<String> changedFrom(PromptSettings before) {
        List<String> changed = new ArrayList<>();
        if (!refinement.equals(before.refinement)) {
            changed.add("refinement");
        }
        if (!description.equals(before.description)) {
            changed.add("description");
        }
        if (!tags.equals(before.tags)) {
            changed.add("tags");
        }
        if (archived != before.archived) {
            changed.add("archived");
        }
        return changed;
    }
}
