package dev.promptloop.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.api.ApiReply;
import dev.promptloop.idempotency.IdempotencyRecords;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.MDC;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How every API handler is invoked, in order: the event is read ({@link HttpEventCodec}), routed ({@link Routing}),
 * run at most once per Idempotency-Key ({@link IdempotentReplies}), its failures answered as problems
 * ({@link FailureReplies}), measured ({@link Metrics}) and logged with the handler and request id, and the reply
 * written back in the caller's shape.
 */
@ApplicationScoped
public class ApiEvents {

    private final Metrics metrics;
    private final IdempotentReplies idempotency;

    public ApiEvents(Metrics metrics, IdempotencyRecords idempotency) {
        this.metrics = metrics;
        this.idempotency = new IdempotentReplies(idempotency);
    }

    /**
     * @param handler the {@code @Named} handler serving this event; routes of other handlers are 404 here
     * @param direct turns a direct-invocation command into a call
     * @param action does the work
     */
    public JsonNode handle(JsonNode event, Context context, String handler, Function<JsonNode, ApiCall> direct,
            Function<ApiCall, ApiReply> action) {
        long started = System.nanoTime();
        var kind = HttpEventCodec.kindOf(event);
        String requestId = context == null ? "local" : context.getAwsRequestId();
        MDC.put("handler", handler);
        MDC.put("requestId", requestId);
        ApiReply reply;
        try {
            if (kind == HttpEvent.Kind.DIRECT) {
                reply = guarded(action, direct.apply(event), handler, requestId);
            } else {
                var http = HttpEventCodec.read(event, kind);
                ApiCall call = Routing.call(http, handler);
                Supplier<ApiReply> run = () -> guarded(action, call, handler, requestId);
                reply = idempotency.keyOf(http, call).map(key -> idempotency.run(key, call.body(), context, run))
                        .orElseGet(run);
            }
        } catch (RuntimeException e) {
            reply = FailureReplies.reply(e, handler, requestId);
        }
        metrics.reply(handler, (System.nanoTime() - started) / 1e6, reply.status(), reply.counts());
        MDC.remove("handler");
        MDC.remove("requestId");
        MDC.remove("promptId");
        return HttpEventCodec.encode(kind, reply);
    }

    /** Runs the action; what it throws becomes its reply here, so a 5xx reaches the idempotency protocol as one. */
    private static ApiReply guarded(Function<ApiCall, ApiReply> action, ApiCall call, String handler,
            String requestId) {
        try {
            return action.apply(call);
        } catch (RuntimeException e) {
            return FailureReplies.reply(e, handler, requestId);
        }
    }
}
