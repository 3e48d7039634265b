package dev.promptloop.feedback;

import java.util.Locale;
import java.util.Optional;

public enum Thumb {
    UP, DOWN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Thumb> fromWireName(String name) {
        return switch (name) {
            case "up" -> Optional.of(UP);
            case "down" -> Optional.of(DOWN);
            default -> Optional.empty();
        };
    }
}
