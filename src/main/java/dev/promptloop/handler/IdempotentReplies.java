package dev.promptloop.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.api.ApiReply;
import dev.promptloop.api.JsonBodies;
import dev.promptloop.api.ProblemException;
import dev.promptloop.core.Digests;
import dev.promptloop.idempotency.Idempotency;
import dev.promptloop.idempotency.IdempotencyRecords;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The Idempotency-Key header of the routes that create something, run through the {@link Idempotency} protocol: the
 * key is scoped to the route and its path parameters, the request is the hash of its body, and the claim holds for
 * as long as this invocation may still run.
 */
final class IdempotentReplies {

    static final Set<Route> ROUTES = Set.of(Route.CREATE_PROMPT, Route.CREATE_VERSION, Route.RENDER, Route.FEEDBACK);
    /** Lambda's longest timeout: no claim needs to hold longer, whatever a context says. */
    static final Duration MAX_LOCK = Duration.ofMinutes(15);

    private final Idempotency idempotency;

    IdempotentReplies(IdempotencyRecords records) {
        this.idempotency = new Idempotency(records);
    }

    /** The scoped key, when the route takes one and the caller sent it; a malformed key is a 400. */
    Optional<String> keyOf(HttpEvent event, ApiCall call) {
        if (!ROUTES.contains(call.route())) {
            return Optional.empty();
        }
        return event.header("idempotency-key").map(value -> {
            if (value.isEmpty() || value.length() > 255 || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
                throw ProblemException.badRequest("invalid-idempotency-key",
                        "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces");
            }
            return call.route().routeKey() + " " + new TreeMap<>(event.pathParameters()) + " " + value;
        });
    }

    ApiReply run(String key, JsonNode body, Context context, Supplier<ApiReply> call) {
        var stored = idempotency.claim(key, Digests.sha256Hex(body.toString()), lock(context));
        if (stored.isPresent()) {
            var first = stored.get();
            return new ApiReply(first.status(), JsonBodies.readOwn(first.body()), first.contentType(),
                    Map.of("Idempotent-Replayed", "true"), Map.of());
        }
        ApiReply reply = call.get();
        idempotency.finish(key, new IdempotencyRecords.StoredResponse(reply.status(), reply.contentType(),
                JsonBodies.write(reply.body())));
        return reply;
    }

    /** The time this invocation may still run: after it, the function is gone and the claim may be taken over. */
    static Duration lock(Context context) {
        if (context == null) {
            return MAX_LOCK;
        }
        Duration remaining = Duration.ofMillis(Math.max(0, context.getRemainingTimeInMillis()));
        return remaining.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : remaining;
    }
}
