package dev.promptloop.core;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A page of a list, and the position after its last item when there is more. */
public record Page<T>(List<T> items, Optional<String> next) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> last(List<T> items) {
        return new Page<>(items, Optional.empty());
    }

    public <R> Page<R> map(Function<T, R> mapping) {
        return new Page<>(items.stream().map(mapping).toList(), next);
    }
}
