package dev.promptloop.refinement;

import dev.promptloop.evaluation.BetaBinomial;
import dev.promptloop.feedback.Tally;
import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.prompt.HistoryKind;
import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.Trial;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decides running trials from people's feedback. A canary is compared with production on the positive-feedback rate
 * (Beta-Binomial, uniform priors): promoted or rolled back once the posterior is confident either way, or on the
 * posterior means at the sample cap. A promoted production is watched against the version it replaced: rolled back
 * when its negative rate is higher by the configured margin with confidence; the watch ends at the sample cap.
 */
final class Trials {

    private Trials() {
    }

    static Optional<HeadUpdate> decide(PromptHead head, Map<Integer, Tally> tallies, Instant now) {
        if (head.canary().isPresent()) {
            return decideCanary(head, head.canary().get(), tallies, now);
        }
        return head.watch().flatMap(watch -> decideWatch(head, watch, tallies, now));
    }

    private static Optional<HeadUpdate> decideCanary(PromptHead head, Trial canary, Map<Integer, Tally> tallies,
            Instant now) {
        var settings = head.refinement().canary();
        Tally candidate = tallies.getOrDefault(canary.version(), Tally.NONE);
        Tally production = tallies.getOrDefault(canary.baseline(), Tally.NONE);
        double better = BetaBinomial.probabilityGreater(candidate.positive(), candidate.negative(),
                production.positive(), production.negative(), 0);
        boolean capped = candidate.total() >= settings.maxSamples();
        boolean promote = better >= settings.confidence() || capped && BetaBinomial.mean(candidate.positive(),
                candidate.negative()) >= BetaBinomial.mean(production.positive(), production.negative());
        boolean rollBack = !promote && (better <= 1 - settings.confidence() || capped);
        String evidence = String.format(Locale.ROOT, "P(canary v%d better than v%d) = %.3f after %d/%d feedbacks",
                canary.version(), canary.baseline(), better, candidate.total(), production.total());
        if (promote) {
            var entry = new HistoryEntry(HistoryKind.CANARY_PROMOTED, Labels.PRODUCTION, canary.baseline(),
                    canary.version(), "canary promoted: " + evidence, HistoryEntry.REFINEMENT, now);
            return Optional.of(HeadUpdate.canaryPromotion(entry, new Trial(canary.version(), canary.baseline(), now)));
        }
        if (rollBack) {
            var entry = new HistoryEntry(HistoryKind.CANARY_ROLLED_BACK, Labels.REJECTED,
                    head.labels().get(Labels.REJECTED), canary.version(), "canary rolled back: " + evidence,
                    HistoryEntry.REFINEMENT, now);
            return Optional.of(HeadUpdate.canaryRollback(entry));
        }
        return Optional.empty();
    }

    private static Optional<HeadUpdate> decideWatch(PromptHead head, Trial watch, Map<Integer, Tally> tallies,
            Instant now) {
        if (head.production() != watch.version()) {
            return Optional.of(end(watch, "watch ended: production moved", now));
        }
        var settings = head.refinement().canary();
        Tally current = tallies.getOrDefault(watch.version(), Tally.NONE);
        Tally previous = tallies.getOrDefault(watch.baseline(), Tally.NONE);
        double worse = BetaBinomial.probabilityGreater(current.negative(), current.positive(), previous.negative(),
                previous.positive(), settings.rollbackMargin());
        if (worse >= settings.confidence()) {
            String reason = String.format(Locale.ROOT, "rolled back automatically: P(negative rate of v%d exceeds "
                    + "v%d's by %.2f) = %.3f after %d/%d feedbacks", watch.version(), watch.baseline(),
                    settings.rollbackMargin(), worse, current.total(), previous.total());
            return Optional.of(HeadUpdate.watchRollback(new HistoryEntry(HistoryKind.AUTO_ROLLED_BACK,
                    Labels.PRODUCTION, watch.version(), watch.baseline(), reason, HistoryEntry.REFINEMENT, now)));
        }
        if (current.total() >= settings.maxSamples()) {
            return Optional.of(end(watch, String.format(Locale.ROOT, "watch of v%d ended after %d feedbacks: no "
                    + "regression (P = %.3f)", watch.version(), current.total(), worse), now));
        }
        return Optional.empty();
    }

    private static HeadUpdate end(Trial watch, String reason, Instant now) {
        return HeadUpdate.watchEnd(HistoryEntry.event(HistoryKind.WATCH_ENDED, watch.version(), reason,
                HistoryEntry.REFINEMENT, now));
    }
}
