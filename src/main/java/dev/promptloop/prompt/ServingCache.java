package dev.promptloop.prompt;

import dev.promptloop.core.Page;
import dev.promptloop.core.PageRequest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The render path's view of prompts: versions are immutable, so they are kept once read; heads (labels) are kept
 * for a short time to live, so a warm render costs no read at all. A label move reaches warm containers within that
 * time. Writes pass straight through. Lambda runs one invocation per container at a time; the locks only keep the
 * cache safe where a container serves several threads (local mode, tests).
 */
public class ServingCache implements PromptRepository {

    private final PromptRepository store;
    private final Clock clock;
    private final Duration headTtl;
    private final Map<String, Cached> heads = new LinkedHashMap<>();
    private final Map<String, PromptVersion> versions;

    private record Cached(PromptHead head, Instant readAt) {
    }

    public ServingCache(PromptRepository store, Clock clock, Duration headTtl, int maxVersions) {
        this.store = store;
        this.clock = clock;
        this.headTtl = headTtl;
        this.versions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, PromptVersion> eldest) {
                return size() > maxVersions;
            }
        };
    }

    @Override
    public Optional<PromptHead> head(String promptId) {
        if (headTtl.isZero()) {
            return store.head(promptId);
        }
        Instant now = clock.instant();
        synchronized (heads) {
            Cached cached = heads.get(promptId);
            if (cached != null && cached.readAt().plus(headTtl).isAfter(now)) {
                return Optional.of(cached.head());
            }
        }
        Optional<PromptHead> head = store.head(promptId);
        synchronized (heads) {
            head.ifPresentOrElse(h -> heads.put(promptId, new Cached(h, now)), () -> heads.remove(promptId));
        }
        return head;
    }

    @Override
    public Optional<PromptVersion> version(String promptId, int version) {
        String key = promptId + "#" + version;
        synchronized (versions) {
            PromptVersion cached = versions.get(key);
            if (cached != null) {
                return Optional.of(cached);
            }
        }
        Optional<PromptVersion> found = store.version(promptId, version);
        found.ifPresent(v -> {
            synchronized (versions) {
                versions.put(key, v);
            }
        });
        return found;
    }

    @Override
    public void create(PromptHead head, PromptVersion first, HistoryEntry created) {
        store.create(head, first, created);
    }

    @Override
    public Page<PromptSummary> list(PromptQuery query) {
        return store.list(query);
    }

    @Override
    public Page<PromptVersion> versions(String promptId, PageRequest page) {
        return store.versions(promptId, page);
    }

    @Override
    public Set<Integer> rolledBack(String promptId, int lowest, int highest) {
        return store.rolledBack(promptId, lowest, highest);
    }

    @Override
    public Page<HistoryEntry> history(String promptId, HistoryQuery query) {
        return store.history(promptId, query);
    }

    @Override
    public PromptHead update(PromptHead read, HeadUpdate update) {
        return store.update(read, update);
    }

    @Override
    public PromptHead addVersion(PromptHead read, PromptVersion version, HeadUpdate update) {
        return store.addVersion(read, version, update);
    }
}
