package dev.promptloop.api;

import dev.promptloop.core.Texts;

import java.util.List;

/** Tags, on feedback and on prompts: at most {@link Limits#MAX_TAGS}, each a short slug. */
final class Tags {

    private Tags() {
    }

    static List<String> requireValid(List<String> tags) {
        if (tags.size() > Limits.MAX_TAGS) {
            throw ProblemException.tooLarge("too-many-tags", tags.size() + " tags; the limit is " + Limits.MAX_TAGS);
        }
        for (String tag : tags) {
            if (!Limits.TAG.matcher(tag).matches()) {
                throw ProblemException.unprocessable("invalid-tag",
                        "tag '" + Texts.excerpt(tag) + "' must match " + Limits.TAG.pattern());
            }
        }
        return tags;
    }
}
