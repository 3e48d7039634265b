package dev.promptloop.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.prompt.PromptSettings;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code PATCH /prompts/{id}}: a JSON merge patch (RFC 7396) of the owner's settings, read in one pass against the
 * settings it changes. {@code refinement} merges into the current refinement settings (a member set to null takes
 * its default again); {@code description}, {@code tags} and {@code archived} replace theirs, null clearing them.
 */
public final class PromptPatches {

    public static final int MAX_DESCRIPTION_CHARS = 500;

    private PromptPatches() {
    }

    public static PromptSettings apply(PromptSettings current, JsonNode patch) {
        KnownFields.require(patch, "the prompt patch", Set.of("refinement", "description", "tags", "archived"));
        var refinement = !patch.has("refinement") ? current.refinement() : RefinementSettingsJson.read(
                MergePatch.apply(RefinementSettingsJson.write(current.refinement()), patch.get("refinement")));
        var description = !patch.has("description") ? current.description() : description(patch);
        List<String> tags = !patch.has("tags") ? current.tags() : Tags.requireValid(JsonFields.stringList(patch,
                "tags"));
        boolean archived = !patch.has("archived") ? current.archived()
                : JsonFields.optionalBoolean(patch, "archived").orElse(false);
        return new PromptSettings(refinement, description, tags, archived);
    }

    /** A prompt's description: one line (or a few) of at most {@value #MAX_DESCRIPTION_CHARS} characters. */
    static Optional<String> description(JsonNode body) {
        var description = JsonFields.optionalString(body, "description");
        description.ifPresent(d -> {
            if (d.isBlank() || d.length() > MAX_DESCRIPTION_CHARS) {
                throw ProblemException.unprocessable("invalid-description",
                        "description must be 1 to " + MAX_DESCRIPTION_CHARS + " characters");
            }
        });
        return description;
    }
}
