package dev.promptloop.refinement;

import dev.promptloop.evaluation.BudgetExhaustedException;
import dev.promptloop.evaluation.CallBudget;
import dev.promptloop.evaluation.Evaluation;
import dev.promptloop.evaluation.Evaluator;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackRepository;
import dev.promptloop.problem.ProblemException;
import dev.promptloop.prompt.HeadUpdate;
import dev.promptloop.prompt.LabelMove;
import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.LearnedRule;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.Promotion;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.prompt.PromptRepository;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementUsage;
import dev.promptloop.prompt.Trial;
import dev.promptloop.render.ChatModel;
import dev.promptloop.render.MessageComposer;
import dev.promptloop.render.RenderRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns recurring negative feedback on a prompt's production version into a new version with more rules, checks it
 * before it serves (evaluation gate), and publishes it.
 *
 * <p>Safe to run twice, or twice at once, for the same feedback: the new version, its label and the consumption of
 * every feedback item are written in one conditional transaction, so only one attempt lands and the other reports
 * {@link RefinementOutcome.Status#SUPERSEDED}.
 */
public class Refiner {

    /** Keeps the publishing transaction (version + head + one update per feedback) well under 100 actions. */
    public static final int MAX_FEEDBACK_PER_REFINEMENT = 20;
    /** Bounds the system message a version adds and the size of its item. */
    public static final int MAX_RULES_PER_VERSION = 30;
    /** How a daily budget stop begins its history entry; one such entry is written per day. */
    static final String BUDGET_REACHED = "daily refinement budget reached";

    private final PromptRepository prompts;
    private final FeedbackRepository feedback;
    private final ChatModel model;
    private final VersionPublisher publisher;
    private final Evaluator evaluator;
    private final EvaluationSet evaluationSet;
    private final ModelSettings optimizerModel;
    private final Clock clock;

    public Refiner(PromptRepository prompts, FeedbackRepository feedback, RenderRepository renders, ChatModel model,
            VersionPublisher publisher, ModelSettings optimizerModel, Clock clock) {
        this.prompts = prompts;
        this.feedback = feedback;
        this.model = model;
        this.publisher = publisher;
        this.evaluator = new Evaluator(model, optimizerModel);
        this.evaluationSet = new EvaluationSet(renders, feedback);
        this.optimizerModel = optimizerModel;
        this.clock = clock;
    }

    public RefinementOutcome refine(String promptId) {
        Optional<PromptHead> found = prompts.head(promptId);
        if (found.isEmpty()) {
            return outcome(promptId, RefinementOutcome.Status.UNKNOWN_PROMPT, 0, null, "no such prompt");
        }
        PromptHead head = decideTrials(found.get());
        if (head.canary().isPresent()) {
            return outcome(promptId, RefinementOutcome.Status.CANARY_RUNNING, 0, null, "canary of version "
                    + head.canary().get().version() + " is running; refinement waits for its decision");
        }
        var settings = head.refinement();
        int production = head.production();
        List<Feedback> pending = feedback.pendingNegative(promptId, production, MAX_FEEDBACK_PER_REFINEMENT);
        double weight = pending.stream().mapToDouble(f -> f.source() == Feedback.Source.CHECK
                ? settings.checkWeight() : 1.0).sum();
        if (weight < settings.threshold()) {
            return outcome(promptId, RefinementOutcome.Status.BELOW_THRESHOLD, pending.size(), null,
                    "negative feedback weighs " + weight + " of " + settings.threshold() + " on version " + production);
        }
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        RefinementUsage usage = head.usage().on(today);
        var caps = settings.budget();
        if (usage.modelCalls() >= caps.maxModelCallsPerDay() || usage.tokens() >= caps.maxTokensPerDay()) {
            return budgetStop(head, usage, today, now, pending.size());
        }
        PromptVersion base = prompts.version(promptId, production).orElseThrow(() -> new IllegalStateException(
                "label production of " + promptId + " points at missing version " + production));
        int room = Math.min(settings.maxNewRules(), MAX_RULES_PER_VERSION - base.rules().size());
        if (room <= 0) {
            return outcome(promptId, RefinementOutcome.Status.NO_RULES, pending.size(), null,
                    "version " + production + " already has " + base.rules().size() + " rules, the most a version holds");
        }

        var budget = new CallBudget(caps.maxModelCallsPerDay() - usage.modelCalls(),
                caps.maxTokensPerDay() - usage.tokens());
        try {
            return refine(head, base, pending, room, budget, usage, now);
        } catch (BudgetExhaustedException e) {
            publisher.recordUsage(promptId, usage.plus(budget.calls(), budget.tokens()),
                    Optional.of(new LabelMove(null, null, null, e.getMessage(), now)));
            return outcome(promptId, RefinementOutcome.Status.BUDGET_EXHAUSTED, pending.size(), null, e.getMessage());
        }
    }

    private RefinementOutcome refine(PromptHead head, PromptVersion base, List<Feedback> pending, int room,
            CallBudget budget, RefinementUsage usage, Instant now) {
        String promptId = head.promptId();
        var settings = head.refinement();
        budget.beforeCall();
        var reply = budget.charge(model.complete(OptimizerPrompt.messages(base, pending, room), optimizerModel));
        List<String> existing = base.rules().stream().map(LearnedRule::text).toList();
        List<ProposedRule> proposals = RuleProposals.parse(reply.text(),
                pending.stream().map(Feedback::feedbackId).toList(), existing, ownerTexts(base), room);
        if (proposals.isEmpty()) {
            publisher.recordUsage(promptId, usage.plus(budget.calls(), budget.tokens()), Optional.empty());
            return outcome(promptId, RefinementOutcome.Status.NO_RULES, pending.size(), null,
                    "the optimizer proposed no usable rule");
        }

        int next = head.latestVersion() + 1;
        List<LearnedRule> rules = new ArrayList<>(base.rules());
        proposals.forEach(p -> rules.add(new LearnedRule(p.text(), p.feedbackIds(), next, now)));
        String reason = "refined from " + pending.size() + " negative feedbacks on version " + base.version();
        var candidate = new PromptVersion(promptId, next, base.template(), base.model(), base.protectedRules(), rules,
                base.checks(), now, reason, base.version(), Optional.empty());
        if (!MessageComposer.protectedSection(candidate).equals(MessageComposer.protectedSection(base))) {
            throw new IllegalStateException("the protected rules of " + promptId + " changed during refinement");
        }

        Optional<Evaluation> evaluation = Optional.empty();
        if (settings.promotion().evaluates()) {
            var cases = evaluationSet.build(promptId, base.version(), pending, settings.evaluation().maxCases());
            evaluation = Optional.of(evaluator.evaluate(base, candidate, cases, rubric(base, pending),
                    settings.evaluation(), budget));
            candidate = candidate.withEvaluation(evaluation.get());
        }
        boolean passed = evaluation.map(Evaluation::promoted).orElse(true);
        String label = !passed ? Labels.REJECTED : targetLabel(settings.promotion());
        String why = evaluation.map(Evaluation::reason).orElse(reason);
        var move = new LabelMove(label, head.labels().get(label), next, why, now);
        var trial = Optional.of(new Trial(next, base.version(), now));
        boolean canary = passed && settings.promotion() == Promotion.CANARY;
        boolean watched = passed && Labels.PRODUCTION.equals(label);
        var headUpdate = new HeadUpdate(Map.of(label, next), Set.of(), List.of(move),
                canary ? trial : Optional.empty(), false, watched ? trial : Optional.empty(), false);
        try {
            publisher.publish(new RefinedVersion(head, candidate, headUpdate, pending,
                    usage.plus(budget.calls(), budget.tokens())));
        } catch (ConcurrentRefinementException e) {
            return outcome(promptId, RefinementOutcome.Status.SUPERSEDED, pending.size(), null, e.getMessage());
        }
        return outcome(promptId, passed ? RefinementOutcome.Status.REFINED : RefinementOutcome.Status.REJECTED,
                pending.size(), next, proposals.size() + " rules proposed; label " + label + " moved to " + next
                        + "; " + why);
    }

    /**
     * Decides a running canary or watch from people's feedback. Feedback since a week before the trial began is
     * tallied, so the baseline's recent record counts (renders live a week).
     */
    private PromptHead decideTrials(PromptHead head) {
        var trial = head.canary().or(head::watch);
        if (trial.isEmpty()) {
            return head;
        }
        Instant now = clock.instant();
        var tallies = feedback.tallySince(head.promptId(), trial.get().since().minus(Duration.ofDays(7)));
        var decision = Trials.decide(head, tallies, now);
        if (decision.isEmpty()) {
            return head;
        }
        try {
            return prompts.update(head, decision.get());
        } catch (ProblemException concurrentChange) {
            // someone moved a label meanwhile; the next feedback decides on the new state
            return prompts.head(head.promptId()).orElse(head);
        }
    }

    private RefinementOutcome budgetStop(PromptHead head, RefinementUsage usage, LocalDate today, Instant now,
            int pending) {
        String detail = BUDGET_REACHED + " (" + usage.modelCalls() + " model calls, " + usage.tokens()
                + " tokens); refinement resumes tomorrow (UTC)";
        boolean alreadyRecorded = head.history().stream().anyMatch(m -> m.label() == null
                && m.reason().startsWith(BUDGET_REACHED)
                && LocalDate.ofInstant(m.at(), ZoneOffset.UTC).equals(today));
        if (!alreadyRecorded) {
            publisher.recordUsage(head.promptId(), usage, Optional.of(new LabelMove(null, null, null, detail, now)));
        }
        return outcome(head.promptId(), RefinementOutcome.Status.BUDGET_EXHAUSTED, pending, null, detail);
    }

    private static String targetLabel(Promotion promotion) {
        return promotion == Promotion.MANUAL || promotion == Promotion.CANARY ? Labels.CANDIDATE : Labels.PRODUCTION;
    }

    /** The judge scores against what people asked for and what the owner pinned. */
    private static List<String> rubric(PromptVersion base, List<Feedback> pending) {
        List<String> rubric = new ArrayList<>(base.protectedRules());
        pending.stream().map(f -> f.critique().orElse(null)).filter(c -> c != null).distinct().forEach(rubric::add);
        return rubric;
    }

    private static List<String> ownerTexts(PromptVersion base) {
        List<String> texts = new ArrayList<>(base.protectedRules());
        base.template().systemSource().ifPresent(texts::add);
        return texts;
    }

    private static RefinementOutcome outcome(String promptId, RefinementOutcome.Status status, int pending,
            Integer version, String detail) {
        return new RefinementOutcome(promptId, status, pending, Optional.ofNullable(version), detail);
    }
}
