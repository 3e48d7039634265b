package dev.promptloop.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a text, in hex: request hashes, rule ids, cursor checksums. */
public final class Digests {

    private static final int SHA_256_BYTES = 32;

    private Digests() {
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text, SHA_256_BYTES);
    }

    /** The first {@code bytes} bytes of the digest, in hex. */
    public static String sha256Hex(String text, int bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
