package dev.promptloop.core;


import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Render ids carry the prompt and version they were rendered from ({@code product-copy.3.<uuid>}), so feedback can
 * be stored against the right prompt in one conditional write, without reading the render first. Clients treat the
 * id as opaque.
 */
public final class RenderId {

    private static final Pattern SHAPE = Pattern.compile("(" + PromptId.PATTERN.pattern()
            + ")\\.([1-9][0-9]{0,8})\\.[0-9a-f-]{36}");

    public record Parts(String promptId, int version) {
    }

    private RenderId() {
    }

    public static String next(String promptId, int version) {
        return promptId + "." + version + "." + UUID.randomUUID();
    }

    /** The prompt and version of a well-formed id; empty for anything else (which is then simply not found). */
    public static Optional<Parts> parse(String renderId) {
        if (renderId == null) {
            return Optional.empty();
        }
        var matcher = SHAPE.matcher(renderId);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Parts(matcher.group(1), Integer.parseInt(matcher.group(2))));
    }
}
