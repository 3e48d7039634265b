package dev.promptloop.api;

import dev.promptloop.core.Texts;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A prompt's revision on the wire: the {@code ETag} of a prompt is its head's revision, and {@code If-Match} with
 * that tag makes a change conditional on the prompt not having changed since (a 412 otherwise).
 */
public final class Revisions {

    private static final Pattern TAG = Pattern.compile("\"(\\d{1,18})\"");

    private Revisions() {
    }

    public static String etag(long revision) {
        return "\"" + revision + "\"";
    }

    /** The revision an {@code If-Match} header asks for; none for no header or {@code *} (any revision). */
    public static Optional<Long> ifMatch(Optional<String> header) {
        return header.map(String::trim).filter(h -> !"*".equals(h)).map(h -> {
            var matcher = TAG.matcher(h);
            if (!matcher.matches()) {
                throw ProblemException.badRequest("invalid-if-match", "If-Match must be one strong ETag of this"
                        + " API (such as \"3\"; a weak W/ tag never matches) or *, not '" + Texts.excerpt(h) + "'");
            }
            return Long.parseLong(matcher.group(1));
        });
    }
}
