package dev.promptloop.prompt;

import dev.promptloop.core.Page;
import dev.promptloop.core.PageRequest;

import dev.promptloop.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ServingCacheTest {

    /** Counts reads of a store that always has the same head and version. */
    static final class CountingStore implements PromptRepository {
        int headReads;
        int versionReads;
        PromptHead head = headAt(1);

        public void create(PromptHead head, PromptVersion first, HistoryEntry created) {
        }

        public Optional<PromptHead> head(String promptId) {
            headReads++;
            return Optional.of(head);
        }

        public Optional<PromptVersion> version(String promptId, int version) {
            versionReads++;
            return Optional.of(Fixtures.version(null, "hi"));
        }

        public Page<PromptSummary> list(PromptQuery query) {
            return Page.last(List.of());
        }

        public Page<PromptVersion> versions(String promptId, PageRequest page) {
            return Page.last(List.of());
        }

        public Set<Integer> rolledBack(String promptId, int lowest, int highest) {
            return Set.of();
        }

        public Page<HistoryEntry> history(String promptId, HistoryQuery query) {
            return Page.last(List.of());
        }

        public PromptHead update(PromptHead read, HeadUpdate update) {
            return read;
        }

        public PromptHead addVersion(PromptHead read, PromptVersion version, HeadUpdate update) {
            return read;
        }
    }

    final CountingStore store = new CountingStore();
    Instant now = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void headsAreReusedWithinTheirTimeToLiveThenReadAgain() {
        var cache = new ServingCache(store, clock(), Duration.ofSeconds(5), 10);

        cache.head("p");
        now = now.plusSeconds(4);
        cache.head("p");
        assertThat(store.headReads).isEqualTo(1);

        store.head = headAt(2);
        now = now.plusSeconds(2);
        assertThat(cache.head("p").orElseThrow().production()).isEqualTo(2);
        assertThat(store.headReads).isEqualTo(2);
    }

    @Test
    void versionsAreImmutableSoTheyAreReadOnce() {
        var cache = new ServingCache(store, clock(), Duration.ZERO, 10);

        cache.version("p", 1);
        now = now.plus(Duration.ofDays(1));
        cache.version("p", 1);

        assertThat(store.versionReads).isEqualTo(1);
    }

    @Test
    void aZeroTimeToLiveReadsTheHeadEveryTime() {
        var cache = new ServingCache(store, clock(), Duration.ZERO, 10);

        cache.head("p");
        cache.head("p");

        assertThat(store.headReads).isEqualTo(2);
    }

    private Clock clock() {
        return new Clock() {
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            public Instant instant() {
                return now;
            }
        };
    }

    private static PromptHead headAt(int production) {
        return new PromptHead("p", Map.of(Labels.PRODUCTION, production), production,
                PromptSettings.of(RefinementSettings.DEFAULTS), Instant.EPOCH,
                Instant.EPOCH, 0, RefinementUsage.none(java.time.LocalDate.EPOCH), Optional.empty(),
                Optional.empty(), Optional.empty());
    }
}
