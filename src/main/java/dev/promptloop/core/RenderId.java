package dev.promptloop.core;


import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Render ids carry the prompt and version they were rendered from ({@code product-copy.3.<uuid>}), and, when the
 * render had a key or a JWT subject, the {@link Voters voter} it speaks for ({@code product-copy.3.<uuid>.<voter>}),
 * so feedback can be stored against the right prompt and person in one conditional write, without reading the render
 * first. Clients treat the id as opaque; ids without a voter, from before voters, still parse.
 */
public final class RenderId {

    private static final Pattern SHAPE = Pattern.compile("(" + PromptId.PATTERN.pattern()
            + ")\\.([1-9][0-9]{0,8})\\.[0-9a-f-]{36}(?:\\.([0-9a-f]{" + Voters.LENGTH + "}))?");

    public record Parts(String promptId, int version, Optional<String> voter) {
    }

    private RenderId() {
    }

    /** @param voterIdentity the end user the render is for (its key), if known */
    public static String next(String promptId, int version, Optional<String> voterIdentity) {
        return promptId + "." + version + "." + UUID.randomUUID() + voterIdentity.map(v -> "." + Voters.of(v))
                .orElse("");
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
        return Optional.of(new Parts(matcher.group(1), Integer.parseInt(matcher.group(2)),
                Optional.ofNullable(matcher.group(3))));
    }
}
