package dev.promptloop.support.memory;

import dev.promptloop.core.Page;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackEntry;
import dev.promptloop.feedback.FeedbackQuery;
import dev.promptloop.feedback.FeedbackRepository;
import dev.promptloop.feedback.Tally;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/** The feedback table in memory: arrival order, pending until consumed, given only on a stored render. */
public class InMemoryFeedback implements FeedbackRepository {

    private final List<Feedback> items = new ArrayList<>();
    private final Map<String, Integer> consumedBy = new HashMap<>();
    private final Map<String, Integer> unresolvedBy = new HashMap<>();
    private final InMemoryRenders renders;

    public InMemoryFeedback(InMemoryRenders renders) {
        this.renders = renders;
    }

    @Override
    public synchronized boolean saveIfRenderLive(Feedback feedback, Instant now) {
        if (renders.findAll(List.of(feedback.renderId())).isEmpty()) {
            return false;
        }
        items.add(feedback);
        return true;
    }

    @Override
    public synchronized void saveAll(List<Feedback> feedback) {
        items.addAll(feedback);
    }

    @Override
    public synchronized List<Feedback> pendingNegative(String promptId, int version, int limit) {
        return items.stream().filter(f -> f.promptId().equals(promptId) && f.version() == version && f.negative()
                && !consumedBy.containsKey(f.feedbackId()) && !unresolvedBy.containsKey(f.feedbackId())).limit(limit)
                .toList();
    }

    @Override
    public synchronized Page<FeedbackEntry> review(String promptId, FeedbackQuery query) {
        List<FeedbackEntry> newestFirst = new ArrayList<>();
        for (int i = items.size() - 1; i >= 0; i--) {
            var f = items.get(i);
            var entry = new FeedbackEntry(f, Optional.ofNullable(consumedBy.get(f.feedbackId())),
                    Optional.ofNullable(unresolvedBy.get(f.feedbackId())));
            boolean status = switch (query.status()) {
                case PENDING -> "pending".equals(entry.state());
                case CONSUMED -> entry.consumedBy().isPresent();
                case UNRESOLVED -> entry.unresolvedBy().isPresent();
                case ALL -> true;
            };
            if (f.promptId().equals(promptId) && status && query.version().map(v -> v == f.version()).orElse(true)) {
                newestFirst.add(entry);
            }
        }
        return IndexPages.page(newestFirst, query.page());
    }

    @Override
    public synchronized int countPending(String promptId, int version) {
        return pendingNegative(promptId, version, Integer.MAX_VALUE).size();
    }

    @Override
    public synchronized Map<Integer, Tally> tallySince(String promptId, Instant since) {
        Map<Integer, Tally> tallies = new HashMap<>();
        items.stream().filter(f -> f.promptId().equals(promptId) && f.source() == Feedback.Source.USER
                && f.createdAt().isAfter(since))
                .forEach(f -> tallies.merge(f.version(), Tally.NONE.plus(f.negative()),
                        (a, b) -> new Tally(a.positive() + b.positive(), a.negative() + b.negative())));
        return tallies;
    }

    @Override
    public synchronized List<Feedback> recentPositive(String promptId, int limit) {
        return items.stream().filter(f -> f.promptId().equals(promptId) && !f.negative()
                && f.source() == Feedback.Source.USER)
                .sorted(Comparator.comparing(Feedback::createdAt).reversed()).limit(limit).toList();
    }

    public synchronized List<Feedback> all() {
        return List.copyOf(items);
    }

    public synchronized List<Feedback> matching(Predicate<Feedback> predicate) {
        return items.stream().filter(predicate).toList();
    }

    /** The version that consumed a feedback item, or null while it is pending. */
    public synchronized Integer consumedBy(String feedbackId) {
        return consumedBy.get(feedbackId);
    }

    synchronized boolean allPending(List<Feedback> feedback) {
        return feedback.stream().noneMatch(f -> consumedBy.containsKey(f.feedbackId())
                || unresolvedBy.containsKey(f.feedbackId()));
    }

    /** A rejected version was written from these: each remembers it, as the stored item's triedBy list does. */
    synchronized void triedIn(List<Feedback> feedback, int version) {
        for (Feedback tried : feedback) {
            for (int i = 0; i < items.size(); i++) {
                var f = items.get(i);
                if (f.feedbackId().equals(tried.feedbackId())) {
                    var versions = new ArrayList<>(f.triedBy());
                    versions.add(version);
                    items.set(i, new Feedback(f.feedbackId(), f.promptId(), f.version(), f.renderId(), f.source(),
                            f.rating(), f.thumb(), f.critique(), f.tags(), f.negative(), f.createdAt(), f.voter(),
                            versions));
                }
            }
        }
    }

    synchronized void park(List<Feedback> feedback, int version) {
        feedback.forEach(f -> unresolvedBy.put(f.feedbackId(), version));
    }

    synchronized void consume(List<Feedback> feedback, int version) {
        feedback.forEach(f -> consumedBy.put(f.feedbackId(), version));
    }
}
