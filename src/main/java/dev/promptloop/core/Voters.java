package dev.promptloop.core;

/**
 * Who a piece of feedback speaks for, as a short digest: one voice per end user (the render's key or JWT subject),
 * else per verified caller of the feedback request. Digested so feedback items and render ids hold no identity.
 */
public final class Voters {

    /** Hex characters of a voter digest (64 bits: collisions between the voters of one prompt are not a concern). */
    public static final int LENGTH = 16;

    private Voters() {
    }

    public static String of(String identity) {
        return Digests.sha256Hex("voter\n" + identity, LENGTH / 2);
    }
}
