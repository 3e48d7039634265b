package dev.promptloop.support.memory;

import dev.promptloop.core.ConcurrentChangeException;
import dev.promptloop.core.ConflictException;
import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptRepository;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.prompt.Trial;
import dev.promptloop.prompt.TrialChange;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The prompts table as the core's ports see it, in memory, with the same conditions as the DynamoDB store: a taken id
 * is a conflict, an update of a head that moved since it was read is a concurrent change. For fast tests only; the
 * moto scenarios test the real store.
 */
public class InMemoryPrompts implements PromptRepository {

    private final Map<String, PromptHead> heads = new HashMap<>();
    private final Map<String, Map<Integer, PromptVersion>> versions = new HashMap<>();
    /** Set to make the next update or publication fail as if another writer had moved the head first. */
    public boolean failNextUpdate;

    @Override
    public synchronized void create(PromptHead head, PromptVersion first) {
        if (heads.containsKey(head.promptId())) {
            throw new ConflictException("prompt-exists", "prompt '" + head.promptId() + "' already exists");
        }
        heads.put(head.promptId(), head);
        versions.computeIfAbsent(head.promptId(), id -> new TreeMap<>()).put(first.version(), first);
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
    public synchronized List<PromptVersion> versions(String promptId) {
        return versions.getOrDefault(promptId, Map.of()).values().stream()
                .sorted(Comparator.comparingInt(PromptVersion::version).reversed()).toList();
    }

    @Override
    public synchronized PromptHead update(PromptHead read, HeadUpdate update) {
        PromptHead current = heads.get(read.promptId());
        boolean labelsExist = update.labels().values().stream().allMatch(v -> v <= current.latestVersion());
        if (failNextUpdate || current.revision() != read.revision() || !labelsExist) {
            failNextUpdate = false;
            throw new ConcurrentChangeException("prompt '" + read.promptId() + "' changed");
        }
        PromptHead updated = applied(current, update, current.latestVersion(), current.usage());
        heads.put(read.promptId(), updated);
        return updated;
    }

    /** Test setup: a further version exists, as if a refinement had written it without moving a label. */
    public synchronized void givenVersion(PromptVersion version) {
        versions.get(version.promptId()).put(version.version(), version);
        PromptHead head = heads.get(version.promptId());
        heads.put(version.promptId(), applied(head, new HeadUpdate(Map.of(), java.util.Set.of(), List.of(),
                TrialChange.KEEP, TrialChange.KEEP), Math.max(head.latestVersion(), version.version()), head.usage()));
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
        heads.put(read.promptId(), applied(current, update, version.version(), usage));
    }

    synchronized void recordUsage(String promptId, RefinementUsage usage, Optional<HistoryEntry> event) {
        PromptHead current = heads.get(promptId);
        List<HistoryEntry> history = new ArrayList<>(current.history());
        event.ifPresent(history::add);
        heads.put(promptId, new PromptHead(promptId, current.labels(), current.latestVersion(), current.refinement(),
                current.createdAt(), current.revision(), history, usage, current.canary(), current.watch()));
    }

    private static PromptHead applied(PromptHead head, HeadUpdate update, int latest, RefinementUsage usage) {
        Map<String, Integer> labels = new TreeMap<>(head.labels());
        labels.putAll(update.labels());
        update.removedLabels().forEach(labels::remove);
        List<HistoryEntry> history = new ArrayList<>(head.history());
        history.addAll(update.history());
        return new PromptHead(head.promptId(), labels, latest, head.refinement(), head.createdAt(),
                head.revision() + 1, history, usage, trial(head.canary(), update.canary()),
                trial(head.watch(), update.watch()));
    }

    private static Optional<Trial> trial(Optional<Trial> current, TrialChange change) {
        if (change instanceof TrialChange.Start start) {
            return Optional.of(start.trial());
        }
        return change instanceof TrialChange.End ? Optional.empty() : current;
    }
}
