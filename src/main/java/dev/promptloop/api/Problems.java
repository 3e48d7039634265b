package dev.promptloop.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.core.ConflictException;
import dev.promptloop.core.DomainException;
import dev.promptloop.core.GoneException;
import dev.promptloop.core.InvalidInputException;
import dev.promptloop.core.InvalidPositionException;
import dev.promptloop.core.NotFoundException;
import dev.promptloop.core.PreconditionFailedException;
import dev.promptloop.core.StorageUnavailableException;
import dev.promptloop.render.ModelUnavailableException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import java.util.Map;
import java.util.Optional;

/**
 * What each failure means on the wire, as an RFC 9457 problem ({@code application/problem+json}). The core's
 * exceptions carry no status: this is the one place that gives them one.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:promptloop:problem:";
    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {
    }

    /** The problem a known failure is answered with; empty for a failure nobody expected (a bug: a 500). */
    public static Optional<ApiReply> of(RuntimeException failure) {
        if (failure instanceof ProblemException e) {
            return Optional.of(reply(e.status(), e.type(), e.title(), e.detail(), Map.of()));
        }
        if (failure instanceof NotFoundException e) {
            return Optional.of(core(404, "Not found", e));
        }
        if (failure instanceof InvalidInputException e) {
            return Optional.of(core(422, "Unprocessable content", e));
        }
        if (failure instanceof InvalidPositionException e) {
            return Optional.of(core(400, "Bad request", e));
        }
        if (failure instanceof PreconditionFailedException e) {
            return Optional.of(core(412, "Precondition failed", e));
        }
        if (failure instanceof GoneException e) {
            return Optional.of(core(410, "Gone", e));
        }
        if (failure instanceof ConflictException e) {
            return Optional.of(core(409, "Conflict", e));
        }
        if (failure instanceof StorageUnavailableException) {
            return Optional.of(reply(503, "storage-unavailable", "Service unavailable",
                    "the database is throttled or unreachable; retry later", Map.of("Retry-After", "1")));
        }
        if (failure instanceof ModelUnavailableException.Transient || failure instanceof CircuitBreakerOpenException) {
            return Optional.of(reply(503, "model-unavailable", "Service unavailable",
                    "the model did not answer; retry later", Map.of("Retry-After", "30")));
        }
        if (failure instanceof ModelUnavailableException) {
            return Optional.of(reply(502, "model-error", "Bad gateway",
                    "the model refused the request; check the model settings and the deployment's key", Map.of()));
        }
        return Optional.empty();
    }

    /** The answer to a bug: nothing of its internals, only the request id to find its log line by. */
    public static ApiReply internalError(String requestId) {
        return reply(500, "internal-error", "Internal error",
                "an unexpected error occurred (request id " + requestId + ")", Map.of());
    }

    /** An RFC 9457 problem document. */
    public static ObjectNode body(int status, String type, String title, String detail) {
        return JsonNodeFactory.instance.objectNode()
                .put("type", TYPE_PREFIX + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
    }

    private static ApiReply core(int status, String title, DomainException e) {
        return reply(status, e.code(), title, e.detail(), Map.of());
    }

    private static ApiReply reply(int status, String type, String title, String detail, Map<String, String> headers) {
        return new ApiReply(status, body(status, type, title, detail), CONTENT_TYPE, headers, Map.of());
    }
}
