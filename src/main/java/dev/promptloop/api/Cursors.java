package dev.promptloop.api;

import dev.promptloop.core.Digests;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque page cursors: the list a cursor was given out for (its scope, such as the history of one prompt) and the
 * store's position in it, with a checksum over both. A cursor that was edited, that belongs to another list, or that
 * is not one at all is a 400; the store checks the position's shape again before it uses it. Cursors are not
 * secret: they say no more than the page the caller already read.
 */
public final class Cursors {

    private static final String FORMAT = "c1";
    private static final String SEPARATOR = "\n";
    private static final int MAX_CHARS = 1_000;

    private Cursors() {
    }

    public static String encode(String scope, String position) {
        String text = String.join(SEPARATOR, FORMAT, scope, position, checksum(scope, position));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor carries, after checking that it was given out for {@code scope}. */
    public static Optional<String> decode(String scope, Optional<String> cursor) {
        return cursor.map(c -> position(scope, c));
    }

    private static String position(String scope, String cursor) {
        if (cursor.isEmpty() || cursor.length() > MAX_CHARS) {
            throw invalid();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = text.split(SEPARATOR, -1);
        if (parts.length != 4 || !FORMAT.equals(parts[0]) || !MessageDigest.isEqual(
                checksum(parts[1], parts[2]).getBytes(StandardCharsets.UTF_8),
                parts[3].getBytes(StandardCharsets.UTF_8))) {
            throw invalid();
        }
        if (!scope.equals(parts[1])) {
            throw ProblemException.badRequest("invalid-cursor", "the cursor belongs to another list");
        }
        return parts[2];
    }

    private static String checksum(String scope, String position) {
        return Digests.sha256Hex(FORMAT + SEPARATOR + scope + SEPARATOR + position, 12);
    }

    private static ProblemException invalid() {
        return ProblemException.badRequest("invalid-cursor", "the cursor is not one this API gave out");
    }
}
