package dev.promptloop.feedback;

import java.util.Optional;

public enum Thumb {
    UP, DOWN;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Thumb> fromWireName(String name) {
        return switch (name) {
            case "up" -> Optional.of(UP);
            case "down" -> Optional.of(DOWN);
            default -> Optional.empty();
        };
    }
}
