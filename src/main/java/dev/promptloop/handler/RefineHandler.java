package dev.promptloop.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.problem.KnownFields;
import dev.promptloop.problem.ProblemException;
import dev.promptloop.prompt.PromptCatalog;
import dev.promptloop.refinement.RefinementOutcome;
import dev.promptloop.refinement.Refiner;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Consumes the feedback table's stream ({@code DynamodbEvent} to {@code StreamsEventResponse}): each prompt with a new
 * feedback insert in the batch gets one refinement check, however many of its records the batch holds. A record that
 * cannot be read, or whose prompt's check fails, is reported by sequence number so Lambda retries it; the rest of the
 * batch is not held back. Records other than inserts (consumption updates, TTL removals) are ignored.
 *
 * <p>Also takes a direct command {@code {"promptId":"..."}} that runs the same check for one prompt.
 */
@Named("refine")
@ApplicationScoped
public class RefineHandler implements RequestHandler<JsonNode, JsonNode> {

    private static final Logger LOG = Logger.getLogger(RefineHandler.class);

    private final Refiner refiner;
    private final Metrics metrics;

    public RefineHandler(Refiner refiner, Metrics metrics) {
        this.refiner = refiner;
        this.metrics = metrics;
    }

    @Override
    public JsonNode handleRequest(JsonNode event, Context context) {
        if (StreamEvents.isStreamEvent(event)) {
            return StreamEvents.write(refine(StreamEvents.read(event)));
        }
        try {
            ObjectNode command = ApiEvents.commandObject(event);
            KnownFields.require(command, "the refine command", Set.of("promptId"));
            String promptId = JsonFields.requiredString(command, "promptId");
            if (!PromptCatalog.ID.matcher(promptId).matches()) {
                throw ProblemException.notFound("prompt-not-found", "no prompt '" + ProblemException.excerpt(promptId) + "'");
            }
            return write(refineLogged(promptId));
        } catch (ProblemException e) {
            return ApiEvents.problemBody(e.status(), e.type(), e.title(), e.detail());
        }
    }

    public StreamsEventResponse refine(DynamodbEvent batch) {
        var emission = metrics.of("refine");
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
        var outcome = refiner.refine(promptId);
        LOG.infof("handler=refine promptId=%s outcome=%s pending=%d version=%s", promptId,
                outcome.status().wireName(), outcome.pendingNegative(), outcome.newVersion().map(String::valueOf).orElse("-"));
        return outcome;
    }

    private static String promptIdOf(DynamodbEvent.DynamodbStreamRecord record) {
        if (record.getDynamodb() == null || record.getDynamodb().getNewImage() == null) {
            return null;
        }
        var value = record.getDynamodb().getNewImage().get("promptId");
        String promptId = value == null ? null : value.getS();
        return promptId != null && PromptCatalog.ID.matcher(promptId).matches() ? promptId : null;
    }

    private static ObjectNode write(RefinementOutcome outcome) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("promptId", outcome.promptId());
        out.put("status", outcome.status().wireName());
        out.put("pendingNegative", outcome.pendingNegative());
        outcome.newVersion().ifPresent(v -> out.put("version", v));
        out.put("detail", outcome.detail());
        return out;
    }
}
