package dev.promptloop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The routes infra/template.yaml deploys, each with the handler of the function it reaches. */
final class DeployedRoutes {

    private DeployedRoutes() {
    }

    /** CloudFormation's short tags (!Ref, !GetAtt, ...) are read as plain values; only literal structure counts. */
    static JsonNode template() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("infra/template.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Route key ("GET /prompts/{id}") to the QUARKUS_LAMBDA_HANDLER of the function that serves it. */
    static Map<String, String> of(JsonNode resources) {
        Map<String, String> deployed = new HashMap<>();
        resources.fields().forEachRemaining(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            properties.path("Events").forEach(event -> {
                if ("HttpApi".equals(event.path("Type").asText())) {
                    deployed.put(event.at("/Properties/Method").asText() + " " + event.at("/Properties/Path").asText(),
                            handlerOf(resources, resource.getKey()));
                }
            });
            if ("AWS::ApiGatewayV2::Route".equals(resource.getValue().path("Type").asText())) {
                deployed.put(properties.get("RouteKey").asText(),
                        handlerOf(resources, clientRouteFunction(resources, properties)));
            }
        });
        return deployed;
    }

    static String clientRouteFunction(JsonNode resources, JsonNode route) {
        String integration = route.get("Target").asText().replace("integrations/${", "").replace("}", "");
        return resources.at("/" + integration + "/Properties/IntegrationUri").asText().replace(".Alias", "");
    }

    private static String handlerOf(JsonNode resources, String function) {
        return resources.at("/" + function + "/Properties/Environment/Variables/QUARKUS_LAMBDA_HANDLER").asText();
    }
}
