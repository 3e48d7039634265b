package dev.promptloop.render;

import dev.promptloop.check.CheckResult;
import dev.promptloop.check.OutputChecks;
import dev.promptloop.core.GoneException;
import dev.promptloop.core.NotFoundException;
import dev.promptloop.core.RenderId;
import dev.promptloop.core.Texts;
import dev.promptloop.feedback.Feedback;
import dev.promptloop.feedback.FeedbackRepository;
import dev.promptloop.prompt.Labels;
import dev.promptloop.prompt.PromptCatalog;
import dev.promptloop.prompt.PromptVersion;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/** Renders a prompt version with variables, runs it on the model when asked, and stores the render. */
public class Renderer {

    private final PromptCatalog catalog;
    private final RenderRepository renders;
    private final FeedbackRepository feedback;
    private final ChatModel model;
    private final Clock clock;
    private final Duration renderTtl;

    public Renderer(PromptCatalog catalog, RenderRepository renders, FeedbackRepository feedback, ChatModel model,
            Clock clock, Duration renderTtl) {
        this.catalog = catalog;
        this.renders = renders;
        this.feedback = feedback;
        this.model = model;
        this.clock = clock;
        this.renderTtl = renderTtl;
    }

    public Render render(RenderRequest request) {
        PromptVersion version = resolve(request);
        version.requireVariables(request.variables());
        var messages = MessageComposer.compose(version, request.variables());
        Optional<ModelReply> reply = request.execute()
                ? Optional.of(model.complete(ModelPurpose.RENDER, messages, version.model()))
                : Optional.empty();
        var now = clock.instant();
        String modelName = reply.map(ModelReply::model)
                .orElseGet(() -> version.model().name() != null ? version.model().name() : model.defaultModelName());
        List<CheckResult> checks = reply.map(r -> OutputChecks.run(version.checks(), r.text(), request.variables()))
                .orElse(List.of());
        var render = new Render(RenderId.next(version.promptId(), version.version(), request.voter()),
                version.promptId(), version.version(), request.variables(), messages, reply.map(ModelReply::text), modelName,
                reply.map(ModelReply::usage), checks, now);
        renders.save(render, now.plus(renderTtl));
        List<Feedback> failures = checks.stream().filter(c -> !c.passed()).map(c -> machineFeedback(render, c)).toList();
        if (!failures.isEmpty()) {
            feedback.saveAll(failures);
        }
        return render;
    }

    /** A failed check becomes negative feedback on the render, with a critique written from the check. */
    private static Feedback machineFeedback(Render render, CheckResult failed) {
        return new Feedback(UUID.randomUUID().toString(), render.promptId(), render.version(), render.renderId(),
                Feedback.Source.CHECK, Optional.empty(), Optional.empty(), Optional.of(failed.detail()),
                List.of("check", failed.type()), true, render.createdAt(), Optional.empty(), List.of());
    }

    private PromptVersion resolve(RenderRequest request) {
        var head = catalog.head(request.promptId());
        if (head.settings().archived()) {
            throw new GoneException("prompt-archived", "prompt '" + head.promptId() + "' is archived; un-archive it"
                    + " (PATCH {\"archived\": false}) to render it again");
        }
        if (request.version().isPresent()) {
            int wanted = request.version().get();
            if (wanted < 1 || wanted > head.latestVersion()) {
                throw new NotFoundException("version-not-found",
                        "prompt '" + head.promptId() + "' has no version " + wanted);
            }
            return catalog.version(head, wanted);
        }
        String label = request.label().orElse(Labels.PRODUCTION);
        Integer pointed = head.labels().get(label);
        if (Labels.PRODUCTION.equals(label) && head.canary().isPresent() && request.key().isPresent()
                && inCanary(head.promptId(), request.key().get(), head.refinement().canary().share())) {
            pointed = head.canary().get().version();
        }
        if (pointed == null) {
            throw new NotFoundException("label-not-found",
                    "prompt '" + head.promptId() + "' has no label '" + Texts.excerpt(label) + "'");
        }
        return catalog.version(head, pointed);
    }

    /** The same key lands in the same bucket on every render and in every container. */
    static boolean inCanary(String promptId, String key, double share) {
        var crc = new CRC32();
        crc.update((promptId + "\n" + key).getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 10_000 < Math.round(share * 10_000);
    }
}
