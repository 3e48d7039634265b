package dev.promptloop.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.handler.FeedbackHandler;
import dev.promptloop.handler.PromptsHandler;
import dev.promptloop.handler.RenderHandler;
import dev.promptloop.handler.Route;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static org.assertj.core.api.Assertions.assertThat;

/** The steps every scenario takes through the handlers, as API Gateway would call them. */
@ApplicationScoped
public class Prompts {

    public static final String SYSTEM = "You write short marketing copy for Aurora, a lighting brand from Oslo.";
    public static final String USER_TEMPLATE =
            "Copy for {{name}} at {{price}} in {{colour}} with logo {{logo}}. Tagline: {{tagline}}";
    public static final Map<String, String> ROW = Map.of("name", "Aurora Lamp", "price", "$49.99",
            "colour", "#FF5733", "logo", "https://cdn.example.com/aurora.png", "tagline", "Light that follows you");

    /** The extra fields of a prompt whose one output check wants the price of the row in the output. */
    public static final String PRICE_CHECK =
            "{\"checks\": [{\"type\": \"contains-variable\", \"variable\": \"price\"}]}";

    private final PromptsHandler prompts;
    private final RenderHandler render;
    private final FeedbackHandler feedback;

    public Prompts(PromptsHandler prompts, RenderHandler render, FeedbackHandler feedback) {
        this.prompts = prompts;
        this.render = render;
        this.feedback = feedback;
    }

    /** A list of strings as a JSON array, for building request bodies. */
    public static String jsonList(List<String> values) {
        var array = JSON.createArrayNode();
        values.forEach(array::add);
        return array.toString();
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a prompt with the marketing-copy template and the given refinement settings JSON (or none). */
    public String create(String id, String refinementJson) {
        return create(id, refinementJson, null);
    }

    /**
     * Creates a prompt with the marketing-copy template; {@code extraJson} adds top-level fields such as
     * {@code "checks"} and {@code "protectedRules"}.
     */
    public String create(String id, String refinementJson, String extraJson) {
        ObjectNode body = JSON.createObjectNode();
        if (extraJson != null) {
            try {
                body.setAll((ObjectNode) JSON.readTree(extraJson));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e);
            }
        }
        body.put("id", id);
        body.putObject("template").put("system", SYSTEM).put("user", USER_TEMPLATE);
        if (refinementJson != null) {
            try {
                body.set("refinement", JSON.readTree(refinementJson));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(e);
            }
        }
        JsonNode response = prompts.handleRequest(v2(Route.CREATE_PROMPT, Map.of(), body.toString()), null);
        assertThat(status(response)).as("create %s: %s", id, response).isEqualTo(201);
        return id;
    }

    public JsonNode renderRow(String id) {
        return renderRow(id, ROW);
    }

    public JsonNode renderRow(String id, Map<String, String> row) {
        JsonNode response = renderResponse(id, row);
        assertThat(status(response)).as("render %s: %s", id, response).isEqualTo(200);
        return body(response);
    }

    /** The render function's whole HTTP API answer (status, headers, body), whatever its status. */
    public JsonNode renderResponse(String id, Map<String, String> row) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode variables = body.putObject("variables");
        row.forEach(variables::put);
        return render.handleRequest(v2(Route.RENDER, Map.of("id", id), body.toString()), null);
    }

    /** Renders the product row once per name (distinct inputs, so evaluation sees one case each). */
    public void renderRows(String id, String... names) {
        for (String name : names) {
            renderRow(id, row(name));
        }
    }

    /** Leaves a thumbs-down critique on a render; returns the feedback id. */
    public String critique(String renderId, String critique) {
        String body = JSON.createObjectNode().put("thumb", "down").put("critique", critique).toString();
        JsonNode response = feedback.handleRequest(v2(Route.FEEDBACK, Map.of("renderId", renderId), body), null);
        assertThat(status(response)).as("feedback: %s", response).isEqualTo(201);
        return body(response).get("feedbackId").asText();
    }

    /** Tries to critique a render; returns the reply's status. */
    public int critiqueStatus(String renderId, String critique) {
        String body = JSON.createObjectNode().put("thumb", "down").put("critique", critique).toString();
        return status(feedback.handleRequest(v2(Route.FEEDBACK, Map.of("renderId", renderId), body), null));
    }

    /** Leaves a thumb ("up" or "down") without a critique. */
    public void thumb(String renderId, String thumb) {
        String body = JSON.createObjectNode().put("thumb", thumb).toString();
        JsonNode response = feedback.handleRequest(v2(Route.FEEDBACK, Map.of("renderId", renderId), body), null);
        assertThat(status(response)).as("feedback: %s", response).isEqualTo(201);
    }

    /** Renders once and critiques that render {@code count} times. */
    public List<String> critiques(String id, int count) {
        String renderId = renderRow(id).get("renderId").asText();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(critique(renderId, "critique " + i + ": the price is missing"));
        }
        return ids;
    }

    /** Runs the refine function's direct command for one prompt. */
    public JsonNode refine(dev.promptloop.handler.RefineHandler refine, String id) {
        return refine.handleRequest(JSON.createObjectNode().put("promptId", id), null);
    }

    /** The same product row with another name, so evaluation sees distinct inputs. */
    public static Map<String, String> row(String name) {
        var row = new java.util.HashMap<>(ROW);
        row.put("name", name);
        return row;
    }

    public JsonNode versions(String id) {
        return body(prompts.handleRequest(v2(Route.LIST_VERSIONS, Map.of("id", id), null), null));
    }

    /** The newest hundred events of a prompt's history, newest first. */
    public JsonNode history(String id) {
        return body(prompts.handleRequest(ApiGatewayEvents.withQuery(v2(Route.LIST_HISTORY, Map.of("id", id), null),
                "limit=100"), null));
    }
}
