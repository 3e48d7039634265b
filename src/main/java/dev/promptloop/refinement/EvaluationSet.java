package dev.promptloop.refinement;

import dev.promptloop.core.Digests;
import dev.promptloop.evaluation.EvaluationCase;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackRepository;
import dev.promptloop.prompt.HistoryEntry;
import dev.promptloop.render.Render;
import dev.promptloop.render.RenderRepository;
import dev.promptloop.suite.CaseAdmission;
import dev.promptloop.suite.CaseRepository;
import dev.promptloop.suite.RegressionCase;
import dev.promptloop.suite.SuiteChange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the cases an evaluation replays, within {@code maxCases}: the inputs of the renders whose critiques are being
 * learned from, and earlier cases that guard against regressions: the prompt's regression suite (the owner's cases,
 * then a sample of fixed cases that changes with each production version, and keep cases) and renders people rated
 * well. Up to half the cases are kept for earlier ones when there are enough; inputs that are near-duplicates of one
 * already chosen are skipped.
 */
public class EvaluationSet {

    static final int POSITIVE_SAMPLE = 50;
    /** Well-rated renders one refinement adds to the suite as keep cases, keeping its transaction small. */
    static final int MAX_KEPT_PER_REFINEMENT = 4;

    private final RenderRepository renders;
    private final FeedbackRepository feedback;
    private final CaseRepository suite;

    public EvaluationSet(RenderRepository renders, FeedbackRepository feedback, CaseRepository suite) {
        this.renders = renders;
        this.feedback = feedback;
        this.suite = suite;
    }

    /**
     * The cases of one evaluation, and what the suite learns should its candidate pass.
     *
     * @param learnedFrom every render still stored behind the critiques, replayed or not
     * @param kept well-rated renders that were replayed, not yet in the suite
     * @param suite the prompt's regression suite as read
     */
    record Replay(List<EvaluationCase> cases, List<Render> learnedFrom, List<Render> kept,
            List<RegressionCase> suite) {

        /** What the suite keeps of this replay once {@code version} learned from {@code consumed}. */
        SuiteChange learned(List<Feedback> consumed, int version, Instant now) {
            List<RegressionCase> arriving = new ArrayList<>();
            for (Render render : learnedFrom.stream().filter(r -> RegressionCase.keepable(r.variables())).toList()) {
                var critiques = consumed.stream().filter(f -> f.renderId().equals(render.renderId())).toList();
                arriving.add(RegressionCase.fixed(render, critiques, version, HistoryEntry.REFINEMENT, now));
            }
            kept.stream().filter(r -> RegressionCase.keepable(r.variables()))
                    .forEach(render -> arriving.add(RegressionCase.keep(render, HistoryEntry.REFINEMENT, now)));
            return CaseAdmission.admit(suite, arriving);
        }
    }

    Replay build(String promptId, int productionVersion, List<Feedback> consumed, int maxCases) {
        Set<String> consumedIds = consumed.stream().map(Feedback::renderId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<String, Render> found = byId(renders.findAll(consumedIds));
        List<Render> learnedFrom = consumedIds.stream().map(found::get).filter(r -> r != null).toList();
        List<RegressionCase> stored = suite.all(promptId);
        List<String> positiveIds = feedback.recentPositive(promptId, POSITIVE_SAMPLE).stream().map(Feedback::renderId)
                .filter(id -> !consumedIds.contains(id)).distinct().toList();
        List<RegressionCase> earlier = sample(stored, productionVersion);
        List<RegressionCase> storedKeep = stored.stream().filter(c -> c.kind() == RegressionCase.Kind.KEEP)
                .sorted(Comparator.comparing(RegressionCase::createdAt).reversed()).toList();
        int guards = earlier.size() + storedKeep.size() + positiveIds.size();
        int learning = Math.min(learnedFrom.size(), maxCases - Math.min(guards, maxCases / 2));
        int room = maxCases - learning;

        Set<String> inputs = new HashSet<>();
        List<EvaluationCase> cases = new ArrayList<>();
        for (Render render : learnedFrom.subList(0, learning)) {
            if (inputs.add(RegressionCase.inputKey(render.variables()))) {
                cases.add(EvaluationCase.learning(render.renderId(), render.variables(),
                        productionOutput(render.version(), render.output(), productionVersion)));
            }
        }
        List<Guard> keepSide = new ArrayList<>(storedKeep.stream().map(Guard::of).toList());
        renders.findAll(positiveIds.subList(0, Math.min(positiveIds.size(), room)))
                .forEach(r -> keepSide.add(Guard.of(r)));
        List<Guard> earlierSide = earlier.stream().map(Guard::of).toList();
        List<Render> kept = new ArrayList<>();
        int guarding = 0;
        for (int i = 0; guarding < room && i < Math.max(earlierSide.size(), keepSide.size()); i++) {
            for (List<Guard> side : List.of(earlierSide, keepSide)) {
                if (i < side.size() && guarding < room && inputs.add(side.get(i).inputKey())) {
                    cases.add(side.get(i).evaluationCase());
                    side.get(i).toKeep().ifPresent(kept::add);
                    guarding++;
                }
            }
        }
        return new Replay(cases, learnedFrom, kept.subList(0, Math.min(kept.size(), MAX_KEPT_PER_REFINEMENT)),
                stored);
    }

    /**
     * An earlier case, and the well-rated render it was made from when the suite does not hold it yet. Production is
     * run on it again rather than trusting an output from days ago: the model behind it may have changed since.
     */
    private record Guard(EvaluationCase evaluationCase, String inputKey, Optional<Render> toKeep) {

        static Guard of(RegressionCase stored) {
            return new Guard(EvaluationCase.earlier(stored.caseId(), stored.variables(), Optional.empty(),
                    stored.checks(), stored.rubric()), RegressionCase.inputKey(stored.variables()), Optional.empty());
        }

        static Guard of(Render liked) {
            return new Guard(EvaluationCase.earlier(liked.renderId(), liked.variables(), Optional.empty(), List.of(),
                    List.of()), RegressionCase.inputKey(liked.variables()), Optional.of(liked));
        }
    }

    /** The owner's cases first, then fixed cases in an order that changes with each production version. */
    private static List<RegressionCase> sample(List<RegressionCase> stored, int productionVersion) {
        Comparator<RegressionCase> rotation = Comparator.comparing(c -> Digests.sha256Hex(c.caseId() + "@"
                + productionVersion, 8));
        List<RegressionCase> earlier = new ArrayList<>(stored.stream()
                .filter(c -> c.kind() == RegressionCase.Kind.OWNER).sorted(rotation).toList());
        stored.stream().filter(c -> c.kind() == RegressionCase.Kind.FIXED).sorted(rotation).forEach(earlier::add);
        return earlier;
    }

    /** An output can stand for production's only if production wrote it. */
    private static Optional<String> productionOutput(int version, Optional<String> output, int productionVersion) {
        return version == productionVersion ? output : Optional.empty();
    }

    private static Map<String, Render> byId(List<Render> found) {
        return found.stream().collect(Collectors.toMap(Render::renderId, Function.identity(), (a, b) -> a));
    }
}
