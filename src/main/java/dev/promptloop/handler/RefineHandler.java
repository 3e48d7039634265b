package dev.promptloop.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.api.ProblemException;
import dev.promptloop.api.Problems;
import dev.promptloop.api.RefineCommand;
import dev.promptloop.core.NotFoundException;
import dev.promptloop.core.PromptId;
import dev.promptloop.prompt.Evaluation;
import dev.promptloop.prompt.PromptHead;
import dev.promptloop.refinement.GateStep;
import dev.promptloop.refinement.RefinementOutcome;
import dev.promptloop.refinement.Refiner;
import dev.promptloop.refinement.TrialStep;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Consumes the feedback table's stream, and the inserts of versions that wait for the evaluation gate from the prompts
 * table's stream ({@code DynamodbEvent} to {@code StreamsEventResponse}): each prompt with an insert in the batch gets
 * one refinement check, however many of its records the batch holds. A record that
 * cannot be read, or whose prompt's check fails, is reported by sequence number so Lambda retries it; the rest of the
 * batch is not held back. Records other than inserts (consumption updates, TTL removals) are ignored.
 *
 * <p>Each check is three steps: running trials are decided ({@link TrialStep}), a pending evaluation gate is decided
 * ({@link GateStep}), then the prompt is refined if its feedback calls for it ({@link Refiner}). Also takes a direct command {@code {"promptId":"..."}} that runs the same
 * check for one prompt.
 */
@Named(HandlerNames.REFINE)
@ApplicationScoped
public class RefineHandler implements RequestHandler<JsonNode, JsonNode> {

    private static final Logger LOG = Logger.getLogger(RefineHandler.class);

    private final TrialStep trials;
    private final GateStep gates;
    private final Refiner refiner;
    private final Metrics metrics;

    public RefineHandler(TrialStep trials, GateStep gates, Refiner refiner, Metrics metrics) {
        this.trials = trials;
        this.gates = gates;
        this.refiner = refiner;
        this.metrics = metrics;
    }

    @Override
    public JsonNode handleRequest(JsonNode event, Context context) {
        if (StreamEvents.isStreamEvent(event)) {
            return StreamEvents.write(refine(StreamEvents.read(event)));
        }
        try {
            return RefineCommand.write(refineLogged(RefineCommand.promptId(DirectCommands.object(event))));
        } catch (ProblemException | NotFoundException e) {
            // a command that names no prompt is answered; a failed refinement fails the invocation, as on the stream
            return Problems.of(e).orElseThrow().body();
        }
    }

    public StreamsEventResponse refine(DynamodbEvent batch) {
        var emission = metrics.of(HandlerNames.REFINE);
        Map<String, List<String>> sequencesByPrompt = new LinkedHashMap<>();
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        int ignored = 0;
        for (var record : batch.getRecords()) {
            if (!"INSERT".equals(record.getEventName())) {
                ignored++;
                continue;
            }
            String sequence = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
            String promptId = promptIdOf(record);
            if (promptId == null) {
                LOG.warnf("handler=refine eventId=%s sequence=%s outcome=malformed-record", record.getEventID(), sequence);
                if (sequence != null) {
                    failures.add(new StreamsEventResponse.BatchItemFailure(sequence));
                }
                continue;
            }
            sequencesByPrompt.computeIfAbsent(promptId, id -> new ArrayList<>()).add(sequence);
        }
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        sequencesByPrompt.forEach((promptId, sequences) -> {
            MDC.put("promptId", promptId);
            try {
                outcomes.merge(refineLogged(promptId).status().name(), 1, Integer::sum);
            } catch (RuntimeException e) {
                LOG.errorf(e, "handler=refine promptId=%s records=%d outcome=failed", promptId, sequences.size());
                sequences.forEach(s -> failures.add(new StreamsEventResponse.BatchItemFailure(s)));
            } finally {
                MDC.remove("promptId"); // a failed prompt must not lend its id to the batch's summary line
            }
        });
        LOG.infof("handler=refine records=%d prompts=%d ignored=%d failures=%d", batch.getRecords().size(),
                sequencesByPrompt.size(), ignored, failures.size());
        emission.count("Records", batch.getRecords().size()).count("RecordFailures", failures.size());
        outcomes.forEach((status, count) -> emission.count("Outcome" + metricName(status), count));
        emission.emit();
        return new StreamsEventResponse(failures);
    }

    /** BELOW_THRESHOLD becomes BelowThreshold. */
    private static String metricName(String status) {
        StringBuilder name = new StringBuilder();
        for (String part : status.split("_")) {
            name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }

    private RefinementOutcome refineLogged(String promptId) {
        var outcome = trials.advance(promptId).map(gates::decide).map(this::logged).map(refiner::refine)
                .orElseGet(() -> RefinementOutcome.stopped(promptId, RefinementOutcome.Status.UNKNOWN_PROMPT, 0,
                        "no such prompt"));
        LOG.infof("handler=refine promptId=%s outcome=%s pending=%d version=%s", promptId,
                outcome.status().wireName(), outcome.pendingNegative(),
                outcome.newVersion().map(String::valueOf).orElse("-"));
        if (outcome.status() == RefinementOutcome.Status.OPTIMIZER_UNUSABLE) {
            // never a silent "no rules": the reason, never the model's text, which quotes people's critiques
            LOG.warnf("handler=refine promptId=%s outcome=optimizer-unusable reason=%s", promptId, outcome.detail());
        }
        countUnreadableVerdicts(promptId, outcome.evaluation());
        if (outcome.unresolved() > 0) {
            LOG.infof("handler=refine promptId=%s feedbackUnresolved=%d", promptId, outcome.unresolved());
            metrics.of(HandlerNames.REFINE).count("FeedbackUnresolved", outcome.unresolved()).emit();
        }
        return outcome;
    }

    /** The gate's verdict, when this round gave one, in the log and the metrics as a refinement's outcome is. */
    private PromptHead logged(GateStep.Result gate) {
        gate.decision().ifPresent(event -> {
            LOG.infof("handler=refine promptId=%s gate=%s version=%d", gate.head().promptId(), event.kind().wireName(),
                    event.to());
            metrics.of(HandlerNames.REFINE).count("Outcome" + metricName(event.kind().name()), 1).emit();
        });
        countUnreadableVerdicts(gate.head().promptId(), gate.evaluation());
        return gate.head();
    }

    /** Judge answers that could not be read count against the candidate; they are counted and logged, not hidden. */
    private void countUnreadableVerdicts(String promptId, Optional<Evaluation> evaluation) {
        int unreadable = evaluation.map(Evaluation::unreadableVerdicts).orElse(0);
        if (unreadable > 0) {
            LOG.warnf("handler=refine promptId=%s judgeUnusable=%d", promptId, unreadable);
            metrics.of(HandlerNames.REFINE).count("JudgeUnusable", unreadable).emit();
        }
    }

    private static String promptIdOf(DynamodbEvent.DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getDynamodb().getNewImage() == null) {
            return null;
        }
        var value = record.getDynamodb().getNewImage().get("promptId");
        String promptId = value == null ? null : value.getS();
        return PromptId.isValid(promptId) ? promptId : null;
    }
}
