package dev.promptloop.core;

import java.util.Optional;

/**
 * One page of a list: at most {@code limit} items after {@code after}, a position the store gave out with the page
 * before (opaque to everyone else; the wire format checks that a caller did not make it up).
 */
public record PageRequest(int limit, Optional<String> after) {

    public PageRequest {
        if (limit < 1) {
            throw new IllegalArgumentException("a page holds at least one item, not " + limit);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(limit, Optional.empty());
    }
}
