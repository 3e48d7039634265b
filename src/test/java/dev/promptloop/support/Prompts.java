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

    public static final String USER_TEMPLATE =
            "Copy for {{name}} at {{price}} in {{colour}} with logo {{logo}}. Tagline: {{tagline}}";
    public static final Map<String, String> ROW = Map.of("name", "Aurora Lamp", "price", "$49.99",
            "colour", "#FF5733", "logo", "https://cdn.example.com/aurora.png", "tagline", "Light that follows you");

    private final PromptsHandler prompts;
    private final RenderHandler render;
    private final FeedbackHandler feedback;

    public Prompts(PromptsHandler prompts, RenderHandler render, FeedbackHandler feedback) {
        this.prompts = prompts;
        this.render = render;
        this.feedback = feedback;
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Creates a prompt with the marketing-copy template and the given refinement settings JSON (or none). */
    public String create(String id, String refinementJson) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id);
        body.putObject("template").put("system", "You write short marketing copy.").put("user", USER_TEMPLATE);
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
        ObjectNode body = JSON.createObjectNode();
        ObjectNode variables = body.putObject("variables");
        ROW.forEach(variables::put);
        JsonNode response = render.handleRequest(v2(Route.RENDER, Map.of("id", id), body.toString()), null);
        assertThat(status(response)).as("render %s: %s", id, response).isEqualTo(200);
        return body(response);
    }

    /** Leaves a thumbs-down critique on a render; returns the feedback id. */
    public String critique(String renderId, String critique) {
        String body = JSON.createObjectNode().put("thumb", "down").put("critique", critique).toString();
        JsonNode response = feedback.handleRequest(v2(Route.FEEDBACK, Map.of("renderId", renderId), body), null);
        assertThat(status(response)).as("feedback: %s", response).isEqualTo(201);
        return body(response).get("feedbackId").asText();
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

    public JsonNode versions(String id) {
        return body(prompts.handleRequest(v2(Route.LIST_VERSIONS, Map.of("id", id), null), null));
    }
}
