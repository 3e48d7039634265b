package dev.promptloop.support.memory;

import dev.promptloop.core.ConcurrentChangeException;
import dev.promptloop.core.ConflictException;
import dev.promptloop.core.Page;
import dev.promptloop.core.PageRequest;
import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryQuery;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptQuery;
import dev.promptloop.prompt.PromptSummary;
import dev.promptloop.prompt.PromptRepository;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.prompt.TrialChange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The prompts table as the core's ports see it, in memory, with the same conditions as the DynamoDB store: a taken id
 * is a conflict, an update of a head that moved since it was read is a concurrent change; history events are kept
 * beside the head, in order. Pages are positioned by index. For fast tests only; the moto scenarios test the real
 * store.
 */
public class InMemoryPrompts implements PromptRepository {

    private final Map<String, PromptHead> heads = new HashMap<>();
    private final Map<String, Map<Integer, PromptVersion>> versions = new HashMap<>();
    private final Map<String, List<HistoryEntry>> history = new HashMap<>();
    /** Set to make the next update or publication fail as if another writer had moved the head first. */
    public boolean failNextUpdate;

    @Override
    public synchronized void create(PromptHead head, PromptVersion first, HistoryEntry created) {
        if (heads.containsKey(head.promptId())) {
            throw new ConflictException("prompt-exists", "prompt '" + head.promptId() + "' already exists");
        }
        heads.put(head.promptId(), head);
        versions.computeIfAbsent(head.promptId(), id -> new TreeMap<>()).put(first.version(), first);
        history.put(head.promptId(), new ArrayList<>(List.of(created)));
    }

    @Override
    public synchronized Optional<PromptHead> head(String promptId) {
        return Optional.ofNullable(heads.get(promptId));
    }

    @Override
    public synchronized Optional<PromptVersion> version(String promptId, int version) {
        return Optional.ofNullable(versions.getOrDefault(promptId, Map.of()).get(version));
    }

    @Override
    public synchronized Page<PromptSummary> list(PromptQuery query) {
        return IndexPages.page(heads.values().stream().filter(h -> query.tag().map(h.settings().tags()::contains).orElse(true))
                .sorted(Comparator.comparing(PromptHead::promptId))
                .map(h -> new PromptSummary(h.promptId(), h.settings().description(), h.settings().tags(), h.labels(),
                        h.latestVersion(), h.settings().archived(), 0, h.updatedAt()))
                .toList(), query.page());
    }

    @Override
    public synchronized Page<PromptVersion> versions(String promptId, PageRequest page) {
        return IndexPages.page(versions.getOrDefault(promptId, Map.of()).values().stream()
                .sorted(Comparator.comparingInt(PromptVersion::version).reversed()).toList(), page);
    }

    @Override
    public synchronized Set<Integer> rolledBack(String promptId, int lowest, int highest) {
        return history.getOrDefault(promptId, List.of()).stream().flatMap(e -> e.rolledBack().stream())
                .filter(v -> v >= lowest && v <= highest).collect(Collectors.toSet());
    }

    @Override
    public synchronized Page<HistoryEntry> history(String promptId, HistoryQuery query) {
        List<HistoryEntry> newestFirst = new ArrayList<>(history.getOrDefault(promptId, List.of()));
        Collections.reverse(newestFirst);
        return IndexPages.page(newestFirst.stream().filter(e -> query.kind().map(k -> k == e.kind()).orElse(true)).toList(),
                query.page());
    }

    /** Every event of a prompt, oldest first. */
    public synchronized List<HistoryEntry> history(String promptId) {
        return List.copyOf(history.getOrDefault(promptId, List.of()));
    }

    @Override
    public synchronized PromptHead update(PromptHead read, HeadUpdate update) {
        PromptHead current = heads.get(read.promptId());
        boolean labelsExist = update.labels().values().stream().allMatch(v -> v <= current.latestVersion());
        if (failNextUpdate || current.revision() != read.revision() || !labelsExist) {
            failNextUpdate = false;
            throw new ConcurrentChangeException("prompt '" + read.promptId() + "' changed");
        }
        PromptHead updated = current.after(update);
        heads.put(read.promptId(), updated);
        history.get(read.promptId()).addAll(update.history());
        return updated;
    }

    @Override
    public synchronized PromptHead addVersion(PromptHead read, PromptVersion version, HeadUpdate update) {
        PromptHead current = heads.get(read.promptId());
        if (failNextUpdate || current.revision() != read.revision()
                || current.latestVersion() != read.latestVersion()) {
            failNextUpdate = false;
            throw new ConcurrentChangeException("prompt '" + read.promptId() + "' changed");
        }
        versions.get(read.promptId()).put(version.version(), version);
        PromptHead updated = current.after(update, version.version(), current.usage());
        heads.put(read.promptId(), updated);
        history.get(read.promptId()).addAll(update.history());
        return updated;
    }

    /** An event that changed something beside the head (the regression suite), recorded as the store records it. */
    synchronized void record(String promptId, HistoryEntry entry) {
        if (!heads.containsKey(promptId)) {
            throw new ConcurrentChangeException("prompt '" + promptId + "' is gone");
        }
        history.get(promptId).add(entry);
    }

    /** Test setup: a further version exists, as if a refinement had written it without moving a label. */
    public synchronized void givenVersion(PromptVersion version) {
        versions.get(version.promptId()).put(version.version(), version);
        PromptHead head = heads.get(version.promptId());
        heads.put(version.promptId(), head.after(new HeadUpdate(Map.of(), Set.of(), List.of(),
                TrialChange.KEEP, TrialChange.KEEP, TrialChange.KEEP, Optional.empty(), Optional.empty()), Math.max(head.latestVersion(), version.version()),
                head.usage()));
    }

    /** What the publisher writes: a new version and the head moved to it, in one step. */
    synchronized void publish(PromptHead read, PromptVersion version, HeadUpdate update, RefinementUsage usage) {
        PromptHead current = heads.get(read.promptId());
        if (failNextUpdate || current.latestVersion() != read.latestVersion()
                || current.production() != read.production()) {
            failNextUpdate = false;
            throw new ConcurrentChangeException("prompt '" + read.promptId() + "' changed while refining");
        }
        versions.get(read.promptId()).put(version.version(), version);
        heads.put(read.promptId(), current.after(update, version.version(), usage));
        history.get(read.promptId()).addAll(update.history());
    }

    synchronized void recordUsage(String promptId, RefinementUsage usage, Optional<HistoryEntry> event) {
        heads.put(promptId, heads.get(promptId).withUsage(usage));
        event.ifPresent(history.get(promptId)::add);
    }
}
