package dev.promptloop.support.memory;

import dev.promptloop.core.Page;
import dev.promptloop.core.PageRequest;

import java.util.List;
import java.util.Optional;

/** Pages of an in-memory list, positioned by index, with next exactly when there is more (as the stores do). */
final class IndexPages {

    private IndexPages() {
    }

    static <T> Page<T> page(List<T> all, PageRequest page) {
        int from = page.after().map(Integer::parseInt).orElse(0);
        int to = Math.min(all.size(), from + page.limit());
        return new Page<>(all.subList(Math.min(from, to), to),
                to < all.size() ? Optional.of(Integer.toString(to)) : Optional.empty());
    }
}
