package dev.promptloop.refinement;

import dev.promptloop.evaluation.EvaluationCase;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackRepository;
import dev.promptloop.render.Render;
import dev.promptloop.render.RenderRepository;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Builds the cases an evaluation replays: the inputs of the renders whose feedback is being consumed, plus a held-out
 * sample of renders people rated well, which guards against regressions and against rules that only fit the
 * training cases. About a third of the cases are reserved for the held-out sample when it has enough renders.
 */
public class EvaluationSet {

    static final int POSITIVE_SAMPLE = 50;

    private final RenderRepository renders;
    private final FeedbackRepository feedback;

    public EvaluationSet(RenderRepository renders, FeedbackRepository feedback) {
        this.renders = renders;
        this.feedback = feedback;
    }

    List<EvaluationCase> build(String promptId, int productionVersion, List<Feedback> consumed, int maxCases) {
        Set<String> consumedIds = consumed.stream().map(Feedback::renderId)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> heldOutIds = feedback.recentPositive(promptId, POSITIVE_SAMPLE).stream().map(Feedback::renderId)
                .filter(id -> !consumedIds.contains(id)).distinct().toList();
        int heldOut = Math.min(heldOutIds.size(), maxCases / 3);
        List<String> wanted = new ArrayList<>(consumedIds).subList(0, Math.min(consumedIds.size(), maxCases - heldOut));
        List<String> sample = heldOutIds.subList(0, Math.min(heldOutIds.size(), maxCases - wanted.size()));

        Map<String, Render> found = renders.findAll(concat(wanted, sample)).stream()
                .collect(Collectors.toMap(Render::renderId, Function.identity()));
        List<EvaluationCase> cases = new ArrayList<>();
        Set<Map<String, String>> inputs = new HashSet<>();
        addCases(wanted, found, true, productionVersion, inputs, cases);
        addCases(sample, found, false, productionVersion, inputs, cases);
        return cases;
    }

    private static void addCases(List<String> ids, Map<String, Render> found, boolean consumed, int productionVersion,
            Set<Map<String, String>> inputs, List<EvaluationCase> cases) {
        for (String id : ids) {
            Render render = found.get(id);
            if (render == null || !inputs.add(render.variables())) {
                continue;
            }
            Optional<String> stored = render.version() == productionVersion ? render.output() : Optional.empty();
            cases.add(new EvaluationCase(id, render.variables(), stored, consumed));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
