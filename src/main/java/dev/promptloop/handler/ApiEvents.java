package dev.promptloop.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.problem.ProblemException;
import dev.promptloop.render.ModelUnavailableException;
import dev.promptloop.store.DynamoFaults;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Adapts the three ways a Lambda API handler is called (API Gateway HTTP API payload 2.0, REST API proxy 1.0, and a
 * plain JSON command from the console or SDK) to one {@link ApiCall}, and the {@link ApiReply} back to the caller's
 * shape. Failures become RFC 9457 problem responses; an unexpected one is logged with its request id and answered
 * without internals.
 */
@ApplicationScoped
public class ApiEvents {

    /** Well under Lambda's 6 MB synchronous payload; every real request is a few KB. */
    public static final int MAX_BODY_BYTES = 256 * 1024;
    static final String PROBLEM_TYPE_PREFIX = "urn:promptloop:problem:";
    private static final Logger LOG = Logger.getLogger(ApiEvents.class);

    private final ObjectMapper json;
    private final Metrics metrics;
    private final IdempotencyRecords idempotency;

    public ApiEvents(Metrics metrics, IdempotencyRecords idempotency) {
        this.metrics = metrics;
        this.idempotency = idempotency;
        var factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).maxNumberLength(64)
                        .maxStringLength(MAX_BODY_BYTES).build())
                .build();
        this.json = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    enum Kind { HTTP_V2, HTTP_V1, DIRECT }

    /**
     * @param handler the {@code @Named} handler serving this event; routes of other handlers are 404 here
     * @param direct turns a direct-invocation command into a call
     * @param action does the work
     */
    public JsonNode handle(JsonNode event, Context context, String handler, Function<JsonNode, ApiCall> direct,
            Function<ApiCall, ApiReply> action) {
        long started = System.nanoTime();
        Kind kind = kindOf(event);
        MDC.put("handler", handler);
        MDC.put("requestId", requestId(context));
        ApiReply reply;
        try {
            ApiCall call = kind == Kind.DIRECT ? direct.apply(event) : httpCall(event, kind, handler);
            Optional<String> key = kind == Kind.DIRECT ? Optional.empty() : idempotencyKey(event, call.route());
            Supplier<ApiReply> run = () -> guarded(action, call, handler, context);
            reply = key.isPresent() ? idempotent(key.get(), call.body(), run) : run.get();
        } catch (ProblemException e) {
            reply = problem(e.status(), e.type(), e.title(), e.detail(), Map.of());
        } catch (RuntimeException e) {
            reply = unexpectedFailure(e, handler, context);
        }
        var emission = metrics.of(handler).milliseconds("Latency", (System.nanoTime() - started) / 1e6)
                .count(reply.status() >= 500 ? "ServerErrors" : reply.status() >= 400 ? "ClientErrors" : "Requests", 1);
        reply.counts().forEach(emission::count);
        emission.emit();
        MDC.remove("handler");
        MDC.remove("requestId");
        MDC.remove("promptId");
        return encode(kind, reply);
    }

    /** Runs the action and turns whatever it throws into a reply. */
    private ApiReply guarded(Function<ApiCall, ApiReply> action, ApiCall call, String handler, Context context) {
        try {
            return action.apply(call);
        } catch (ProblemException e) {
            return problem(e.status(), e.type(), e.title(), e.detail(), Map.of());
        } catch (ModelUnavailableException.Transient | CircuitBreakerOpenException e) {
            LOG.warnf("handler=%s requestId=%s outcome=model-unavailable cause=%s", handler, requestId(context),
                    e.getMessage());
            return problem(503, "model-unavailable", "Service unavailable",
                    "the model did not answer; retry later", Map.of("Retry-After", "30"));
        } catch (ModelUnavailableException e) {
            LOG.errorf("handler=%s requestId=%s outcome=model-error cause=%s", handler, requestId(context),
                    e.getMessage());
            return problem(502, "model-error", "Bad gateway",
                    "the model refused the request; check the model settings and the deployment's key", Map.of());
        } catch (RuntimeException e) {
            return unexpectedFailure(e, handler, context);
        }
    }

    /** A store that is throttled or unreachable after the SDK's retries is a 503; anything else unexpected a 500. */
    private static ApiReply unexpectedFailure(RuntimeException e, String handler, Context context) {
        if (DynamoFaults.isTransient(e)) {
            LOG.warnf("handler=%s requestId=%s outcome=storage-unavailable cause=%s", handler, requestId(context),
                    e.toString());
            return problem(503, "storage-unavailable", "Service unavailable",
                    "the database is throttled or unreachable; retry later", Map.of("Retry-After", "1"));
        }
        LOG.errorf(e, "handler=%s requestId=%s outcome=internal-error", handler, requestId(context));
        return problem(500, "internal-error", "Internal error",
                "an unexpected error occurred (request id " + requestId(context) + ")", Map.of());
    }

    /**
     * Runs a call at most once per Idempotency-Key: the same key with the same body gets the stored first response;
     * with another body, a 422; while the first request still runs, a 409. A 5xx frees the key for the retry.
     */
    private ApiReply idempotent(String key, JsonNode body, Supplier<ApiReply> run) {
        String hash = sha256(body.toString());
        var existing = idempotency.claim(key, hash);
        if (existing.isPresent()) {
            if (!existing.get().requestHash().equals(hash)) {
                throw ProblemException.unprocessable("idempotency-key-reused",
                        "this Idempotency-Key was used with a different request body");
            }
            var stored = existing.get().response().orElseThrow(() -> ProblemException.conflict("request-in-progress",
                    "a request with this Idempotency-Key is still running; retry shortly"));
            try {
                return new ApiReply(stored.status(), json.readTree(stored.body()), stored.contentType(),
                        Map.of("Idempotent-Replayed", "true"), Map.of());
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a stored response is unreadable", e);
            }
        }
        ApiReply reply = run.get();
        if (reply.status() >= 500) {
            idempotency.release(key);
        } else {
            try {
                idempotency.complete(key, new IdempotencyRecords.StoredResponse(reply.status(), reply.contentType(),
                        json.writeValueAsString(reply.body())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a reply body could not be written", e);
            }
        }
        return reply;
    }

    /** The key, scoped to the route and its path parameters, when the route takes one and the caller sent it. */
    private static Optional<String> idempotencyKey(JsonNode event, Route route) {
        if (route != Route.CREATE_PROMPT && route != Route.RENDER && route != Route.FEEDBACK) {
            return Optional.empty();
        }
        Optional<String> header = Optional.empty();
        var fields = event.path("headers").fields();
        while (fields.hasNext()) {
            var field = fields.next();
            if (field.getKey().equalsIgnoreCase("idempotency-key")) {
                header = Optional.of(field.getValue().asText());
            }
        }
        return header.map(value -> {
            if (value.isEmpty() || value.length() > 255 || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
                throw ProblemException.badRequest("invalid-idempotency-key",
                        "Idempotency-Key must be 1 to 255 printable ASCII characters without spaces");
            }
            return route.routeKey() + " " + pathParametersOf(event) + " " + value;
        });
    }

    private static String pathParametersOf(JsonNode event) {
        return new TreeMap<>(pathParameters(event)).toString();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A direct command must be a JSON object; anything else is a 400 problem. */
    public static ObjectNode commandObject(JsonNode event) {
        if (event == null || !event.isObject()) {
            throw ProblemException.badRequest("invalid-command", "a direct invocation takes a JSON object");
        }
        return (ObjectNode) event.deepCopy();
    }

    /** Reads and removes a required string, so the rest of the command is the route's body. */
    static String takeString(ObjectNode command, String name) {
        String value = JsonFields.requiredString(command, name);
        command.remove(name);
        return value;
    }

    static Kind kindOf(JsonNode event) {
        if (event == null || !event.isObject()) {
            return Kind.DIRECT;
        }
        if (event.path("requestContext").path("http").has("method")) {
            return Kind.HTTP_V2;
        }
        if (event.has("httpMethod") && event.has("requestContext")) {
            return Kind.HTTP_V1;
        }
        return Kind.DIRECT;
    }

    private ApiCall httpCall(JsonNode event, Kind kind, String handler) {
        String method;
        String path;
        Optional<Route> declared;
        if (kind == Kind.HTTP_V2) {
            method = event.path("requestContext").path("http").path("method").asText();
            path = event.path("rawPath").asText(event.path("requestContext").path("http").path("path").asText(""));
            declared = Route.byRouteKey(event.path("routeKey").asText(""));
        } else {
            method = event.path("httpMethod").asText();
            path = event.path("path").asText("");
            declared = Route.byRouteKey(method + " " + event.path("resource").asText(""));
        }
        Route.Match match = declared.map(r -> new Route.Match(r, pathParameters(event)))
                .or(() -> Route.match(method, path).map(ApiEvents::decoded))
                .orElseThrow(() -> Route.knownPath(path)
                        ? new ProblemException(405, "method-not-allowed", "Method not allowed",
                                method + " is not allowed on " + ProblemException.excerpt(path))
                        : ProblemException.notFound("no-route", "no route for " + method + " "
                                + ProblemException.excerpt(path)));
        if (!match.route().handler().equals(handler)) {
            throw ProblemException.notFound("no-route", "route " + match.route().routeKey()
                    + " is served by the '" + match.route().handler() + "' function, not '" + handler + "'");
        }
        return new ApiCall(match.route(), match.pathParameters(), body(event, method), tokenSubject(event, kind));
    }

    /**
     * The {@code sub} claim of the JWT that API Gateway's authorizer verified (HTTP API JWT authorizer, or a REST
     * API Cognito authorizer); nothing else in the event is trusted as an identity.
     */
    private static String tokenSubject(JsonNode event, Kind kind) {
        JsonNode claims = kind == Kind.HTTP_V2
                ? event.path("requestContext").path("authorizer").path("jwt").path("claims")
                : event.path("requestContext").path("authorizer").path("claims");
        JsonNode subject = claims.path("sub");
        return subject.isTextual() && !subject.asText().isBlank() ? subject.asText() : null;
    }

    private static Map<String, String> pathParameters(JsonNode event) {
        Map<String, String> params = new HashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = event.path("pathParameters").fields();
        fields.forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        return params;
    }

    private static Route.Match decoded(Route.Match match) {
        Map<String, String> params = new HashMap<>();
        match.pathParameters().forEach((k, v) -> params.put(k, URLDecoder.decode(v, StandardCharsets.UTF_8)));
        return new Route.Match(match.route(), params);
    }

    private JsonNode body(JsonNode event, String method) {
        JsonNode raw = event.get("body");
        if (raw == null || raw.isNull() || raw.asText().isEmpty()) {
            if ("GET".equals(method)) {
                return json.createObjectNode();
            }
            throw ProblemException.badRequest("missing-body", "the request body must be a JSON object");
        }
        byte[] bytes;
        if (event.path("isBase64Encoded").asBoolean(false)) {
            if (raw.asText().length() > MAX_BODY_BYTES / 3 * 4 + 4) {
                throw tooLarge();
            }
            try {
                bytes = Base64.getDecoder().decode(raw.asText());
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("invalid-body", "the body is marked base64 but is not valid base64");
            }
        } else {
            bytes = raw.asText().getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.badRequest("invalid-body", "the body is not valid UTF-8");
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(text);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("invalid-json", "the body is not valid JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("parse error"));
        }
        if (parsed == null || !parsed.isObject()) {
            throw ProblemException.badRequest("invalid-body", "the request body must be a JSON object");
        }
        return parsed;
    }

    private static ProblemException tooLarge() {
        return ProblemException.tooLarge("body-too-large", "the body exceeds " + MAX_BODY_BYTES + " bytes");
    }

    private static ApiReply problem(int status, String type, String title, String detail,
            Map<String, String> headers) {
        return new ApiReply(status, problemBody(status, type, title, detail), "application/problem+json", headers,
                Map.of());
    }

    /** An RFC 9457 problem document. */
    static ObjectNode problemBody(int status, String type, String title, String detail) {
        return JsonNodeFactory.instance.objectNode()
                .put("type", PROBLEM_TYPE_PREFIX + type)
                .put("title", title)
                .put("status", status)
                .put("detail", detail);
    }

    private JsonNode encode(Kind kind, ApiReply reply) {
        if (kind == Kind.DIRECT) {
            return reply.body();
        }
        ObjectNode response = json.createObjectNode();
        response.put("statusCode", reply.status());
        ObjectNode headers = response.putObject("headers");
        headers.put("content-type", reply.contentType());
        reply.headers().forEach(headers::put);
        try {
            response.put("body", json.writeValueAsString(reply.body()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reply body could not be written", e);
        }
        response.put("isBase64Encoded", false);
        return response;
    }

    private static String requestId(Context context) {
        return context == null ? "local" : context.getAwsRequestId();
    }
}
