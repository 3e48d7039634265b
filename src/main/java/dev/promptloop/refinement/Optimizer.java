package dev.promptloop.refinement;

import dev.promptloop.evaluation.CallBudget;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.prompt.ModelSettings;
import dev.promptloop.prompt.PromptVersion;
import dev.promptloop.prompt.RefinementSettings;
import dev.promptloop.render.ChatModel;
import dev.promptloop.render.JsonReader;
import dev.promptloop.render.Message;
import dev.promptloop.render.ModelPurpose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Asks the optimizer for new rules and edits of a version's rules, and reads its answer. When the answer would take
 * the learned rules over the prompt's budget, it asks once more, saying so, for an answer that consolidates; an answer
 * that still does not fit is not used.
 */
final class Optimizer {

    private final ChatModel model;
    private final ModelSettings settings;
    private final JsonReader json;

    Optimizer(ChatModel model, ModelSettings settings, JsonReader json) {
        this.model = model;
        this.settings = settings;
        this.json = json;
    }

    Proposals propose(PromptVersion base, List<Feedback> pending, List<PromptVersion> attempts, int room,
            RefinementSettings refinement, CallBudget budget) {
        List<Message> messages = OptimizerPrompt.messages(base, pending, room, attempts, refinement.ruleTokens());
        Proposals first = ask(messages, base, pending, room, budget);
        Optional<String> over = overBudget(base, first, refinement);
        if (over.isEmpty()) {
            return first;
        }
        List<Message> again = new ArrayList<>(messages);
        again.add(new Message(Message.Role.USER, OptimizerPrompt.CONSOLIDATE.formatted(over.get())));
        Proposals second = ask(again, base, pending, room, budget);
        return overBudget(base, second, refinement).map(why -> Proposals.unusable("its edits leave the learned "
                + "rules over their budget even when asked to consolidate: " + why)).orElse(second);
    }

    private Proposals ask(List<Message> messages, PromptVersion base, List<Feedback> pending, int room,
            CallBudget budget) {
        budget.beforeCall();
        var reply = budget.charge(model.complete(ModelPurpose.OPTIMIZE, messages, settings));
        return RuleProposals.parse(reply.text(), json, pending.stream().map(Feedback::feedbackId).toList(),
                base.rules(), ownerTexts(base), room);
    }

    /** Why these proposals, applied, would not fit; nothing when they fit or there is nothing to apply. */
    private static Optional<String> overBudget(PromptVersion base, Proposals proposals,
            RefinementSettings refinement) {
        if (proposals.isEmpty()) {
            return Optional.empty();
        }
        return RuleEdits.overBudget(base.rules(), RuleEdits.apply(base.rules(), proposals, base.version() + 1,
                Instant.EPOCH), refinement);
    }

    private static List<String> ownerTexts(PromptVersion base) {
        List<String> texts = new ArrayList<>(base.protectedRules());
        base.template().systemSource().ifPresent(texts::add);
        return texts;
    }
}
