package dev.promptloop.support.memory;

import dev.promptloop.check.OutputCheck;
import dev.promptloop.evaluation.Evaluator;
import dev.promptloop.feedback.FeedbackRecorder;
import dev.promptloop.llm.ModelAnswerJson;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.NewPrompt;
import dev.promptloop.prompt.PromptCatalog;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.refinement.EvaluationSet;
import dev.promptloop.refinement.GateStep;
import dev.promptloop.refinement.RefinementOutcome;
import dev.promptloop.refinement.RefinementPipeline;
import dev.promptloop.refinement.Refiner;
import dev.promptloop.refinement.TrialStep;
import dev.promptloop.render.Renderer;
import dev.promptloop.suite.RegressionSuite;
import dev.promptloop.support.MovableClock;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The whole core wired on in-memory ports and a scripted model, as the production wiring does on DynamoDB. */
public class InMemoryCore {

    /** The actor of the changes a test makes as the prompt\'s owner. */
    public static final String OWNER = "arn:aws:iam::123456789012:user/owner";

    public static final String USER_TEMPLATE = "Copy for {{name}} at {{price}}";

    public final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T10:00:00Z"));
    public final InMemoryPrompts prompts = new InMemoryPrompts();
    public final InMemoryRenders renders = new InMemoryRenders();
    public final InMemoryFeedback feedback = new InMemoryFeedback(renders);
    public final InMemoryCases cases = new InMemoryCases(prompts);
    public final InMemoryPublisher publisher = new InMemoryPublisher(prompts, feedback, cases);
    public final ScriptedModel model = new ScriptedModel();
    public final PromptCatalog catalog = new PromptCatalog(prompts, clock);
    public final Renderer renderer = new Renderer(catalog, renders, feedback, model, clock, Duration.ofDays(7));
    public final FeedbackRecorder recorder = new FeedbackRecorder(feedback, clock);
    public final TrialStep trials = new TrialStep(prompts, feedback, clock);
    public final ModelSettings judgeSettings = new ModelSettings("judge-model", 0.0, 50);
    public final RegressionSuite suite = new RegressionSuite(catalog, cases, clock);
    public final GateStep gates = new GateStep(prompts, feedback, new EvaluationSet(renders, feedback, cases),
            new Evaluator(model, judgeSettings, new ModelAnswerJson()), clock);
    public final Refiner refiner = new Refiner(prompts, feedback, publisher, new RefinementPipeline(model,
            new ModelSettings("optimizer-model", 0.0, 600), new ModelAnswerJson(), new EvaluationSet(renders, feedback, cases),
            new Evaluator(model, judgeSettings, new ModelAnswerJson()), publisher), clock);

    /** Creates a prompt with the user template {@link #USER_TEMPLATE}. */
    public void create(String id, RefinementSettings settings, List<OutputCheck> checks) {
        catalog.create(NewPrompt.of(id, null, USER_TEMPLATE, ModelSettings.DEFAULTS, List.of(), checks, settings), OWNER);
    }

    /** A refinement round as the refine handler runs it: trials first, then the gate, then the refinement check. */
    public RefinementOutcome refine(String id) {
        return trials.advance(id).map(gates::decide).map(GateStep.Result::head).map(refiner::refine).orElseThrow();
    }
}
