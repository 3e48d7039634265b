package dev.promptloop.wiring;

import dev.promptloop.evaluation.Evaluator;
import dev.promptloop.feedback.FeedbackRecorder;
import dev.promptloop.feedback.FeedbackRepository;
import dev.promptloop.prompt.HumanVersions;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.PromptCatalog;
import dev.promptloop.prompt.PromptDirectory;
import dev.promptloop.prompt.PromptRepository;
import dev.promptloop.prompt.ServingCache;
import dev.promptloop.refinement.EvaluationSet;
import dev.promptloop.refinement.GateStep;
import dev.promptloop.refinement.RefinementPipeline;
import dev.promptloop.refinement.Refiner;
import dev.promptloop.refinement.TrialStep;
import dev.promptloop.refinement.VersionPublisher;
import dev.promptloop.render.ChatModel;
import dev.promptloop.render.JsonReader;
import dev.promptloop.render.RenderRepository;
import dev.promptloop.render.Renderer;
import dev.promptloop.suite.CaseRepository;
import dev.promptloop.suite.RegressionSuite;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;

/** Builds the plain-Java core from the stores, the model and configuration. */
public class CoreBeans {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    PromptCatalog catalog(PromptRepository prompts, Clock clock) {
        return new PromptCatalog(prompts, clock);
    }

    @Produces
    @Singleton
    HumanVersions humanVersions(PromptCatalog catalog, PromptRepository prompts, Clock clock) {
        return new HumanVersions(catalog, prompts, clock);
    }

    @Produces
    @Singleton
    PromptDirectory directory(PromptCatalog catalog, PromptRepository prompts, FeedbackRepository feedback) {
        return new PromptDirectory(catalog, prompts, feedback);
    }

    @Produces
    @Singleton
    Renderer renderer(PromptRepository prompts, RenderRepository renders, FeedbackRepository feedback, ChatModel model,
            Clock clock, PromptloopConfig config) {
        var cache = new ServingCache(prompts, clock, config.renderCache().headTtl(), config.renderCache().maxVersions());
        return new Renderer(new PromptCatalog(cache, clock), renders, feedback, model, clock, config.renderTtl());
    }

    @Produces
    @Singleton
    FeedbackRecorder feedbackRecorder(FeedbackRepository feedback, Clock clock) {
        return new FeedbackRecorder(feedback, clock);
    }

    @Produces
    @Singleton
    TrialStep trialStep(PromptRepository prompts, FeedbackRepository feedback, Clock clock) {
        return new TrialStep(prompts, feedback, clock);
    }

    @Produces
    @Singleton
    Evaluator evaluator(ChatModel model, JsonReader json, PromptloopConfig config) {
        return new Evaluator(model, ModelSettingsConfig.judge(config), json);
    }

    @Produces
    @Singleton
    EvaluationSet evaluationSet(RenderRepository renders, FeedbackRepository feedback, CaseRepository cases) {
        return new EvaluationSet(renders, feedback, cases);
    }

    @Produces
    @Singleton
    RegressionSuite regressionSuite(PromptCatalog catalog, CaseRepository cases, Clock clock) {
        return new RegressionSuite(catalog, cases, clock);
    }

    @Produces
    @Singleton
    RefinementPipeline pipeline(ChatModel model, JsonReader json, EvaluationSet evaluationSet, Evaluator evaluator,
            VersionPublisher publisher, PromptloopConfig config) {
        return new RefinementPipeline(model, ModelSettingsConfig.optimizer(config), json, evaluationSet, evaluator,
                publisher);
    }

    @Produces
    @Singleton
    GateStep gateStep(PromptRepository prompts, FeedbackRepository feedback, EvaluationSet evaluationSet,
            Evaluator evaluator, Clock clock) {
        return new GateStep(prompts, feedback, evaluationSet, evaluator, clock);
    }

    @Produces
    @Singleton
    Refiner refiner(PromptRepository prompts, FeedbackRepository feedback, VersionPublisher publisher,
            RefinementPipeline pipeline, Clock clock) {
        return new Refiner(prompts, feedback, publisher, pipeline, clock);
    }
}
