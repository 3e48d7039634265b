package dev.promptloop.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.handler.PromptsHandler;
import dev.promptloop.handler.Route;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.signedBy;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static dev.promptloop.support.ApiGatewayEvents.withQuery;

/** The management API as API Gateway calls it, each request signed by an IAM principal. */
@ApplicationScoped
public class ManagementApi {

    public static final String OWNER = "arn:aws:iam::123456789012:user/owner";

    private final PromptsHandler prompts;

    public ManagementApi(PromptsHandler prompts) {
        this.prompts = prompts;
    }

    /** The whole proxy response (status, headers, body) of one request. */
    public JsonNode call(Route route, Map<String, String> params, String rawQuery, String body, String principal) {
        return prompts.handleRequest(signedBy(withQuery(v2(route, params, body), rawQuery), principal), null);
    }

    /** A request with headers (If-Match, say), signed by the owner. */
    public JsonNode send(Route route, Map<String, String> params, String body, Map<String, String> headers) {
        var event = signedBy(v2(route, params, body), OWNER);
        headers.forEach(((com.fasterxml.jackson.databind.node.ObjectNode) event.get("headers"))::put);
        return prompts.handleRequest(event, null);
    }

    public JsonNode get(Route route, Map<String, String> params, String rawQuery) {
        return call(route, params, rawQuery, null, OWNER);
    }

    public JsonNode moveLabel(String promptId, String label, int version, String principal) {
        return call(Route.MOVE_LABEL, Map.of("id", promptId, "label", label), "",
                JSON.createObjectNode().put("version", version).toString(), principal);
    }
}
