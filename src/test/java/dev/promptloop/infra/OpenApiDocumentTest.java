package dev.promptloop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.promptloop.api.Problems;
import dev.promptloop.handler.Route;
import dev.promptloop.support.contract.OpenApiDocument;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * infra/openapi.yaml is a valid OpenAPI 3.1 document that describes exactly the routes the code serves and the
 * template deploys, with the authorisation each route has on AWS. That the replies keep it is checked on every reply
 * the test suite receives (see ContractCheckedHandlers) and by OpenApiCoverageIT.
 */
class OpenApiDocumentTest {

    private static final Set<Route> CLIENT_ROUTES = Set.of(Route.RENDER, Route.FEEDBACK);

    static OpenAPI openApi;

    @BeforeAll
    static void parse() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readLocation(OpenApiDocument.LOCATION.toString(), null, options);
        assertThat(result.getMessages()).as("parser messages").isEmpty();
        openApi = result.getOpenAPI();
    }

    @Test
    void theDocumentIsOpenApi31AndEveryReferenceResolves() {
        assertThat(openApi.getOpenapi()).isEqualTo("3.1.0");
        List<String> references = new java.util.ArrayList<>();
        collectReferences(OpenApiDocument.get().tree(), references);
        assertThat(references).isNotEmpty().allSatisfy(reference ->
                assertThat(OpenApiDocument.get().tree().at(reference.substring(1)).isMissingNode())
                        .as("%s points at nothing", reference).isFalse());
    }

    @Test
    void itsOperationsAreTheRoutesTheCodeServesAndTheTemplateDeploys() {
        Set<String> documented = operations().keySet();
        Set<String> served = Arrays.stream(Route.values()).map(Route::routeKey).collect(Collectors.toSet());
        assertThat(documented).isEqualTo(served);
        assertThat(DeployedRoutes.of(DeployedRoutes.template().get("Resources")).keySet()).isEqualTo(documented);
    }

    @Test
    void eachOperationIsNamedAfterItsRouteAndDeclaresItsPathParameters() {
        Map<String, Operation> operations = operations();
        for (Route route : Route.values()) {
            Operation operation = operations.get(route.routeKey());
            assertThat(operation.getOperationId()).as(route.routeKey()).isEqualTo(operationId(route));
            Set<String> declared = parameters(operation, "path");
            assertThat(declared).as(route.routeKey()).isEqualTo(pathParameters(route.template()));
        }
    }

    @Test
    void managementRoutesTakeSigV4AndClientRoutesSigV4OrAJwt() {
        assertThat(openApi.getComponents().getSecuritySchemes()).containsOnlyKeys("sigv4", "jwt");
        assertThat(openApi.getComponents().getSecuritySchemes().get("sigv4").getExtensions())
                .containsEntry("x-amazon-apigateway-authtype", "awsSigv4");
        operations().forEach((routeKey, operation) -> {
            Set<String> schemes = operation.getSecurity().stream().flatMap(requirement -> requirement.keySet().stream())
                    .collect(Collectors.toSet());
            boolean client = CLIENT_ROUTES.stream().anyMatch(route -> route.routeKey().equals(routeKey));
            assertThat(schemes).as(routeKey).isEqualTo(client ? Set.of("sigv4", "jwt") : Set.of("sigv4"));
            assertThat(operation.getSecurity()).as("%s: each scheme alone is enough", routeKey)
                    .allSatisfy(requirement -> assertThat(requirement).hasSize(1));
        });
    }

    @Test
    void everyErrorIsAProblemWithTheCodesTypePrefix() {
        JsonNode problem = OpenApiDocument.get().tree().at("/components/schemas/Problem");
        assertThat(problem.at("/properties/type/pattern").asText()).startsWith("^" + Problems.TYPE_PREFIX);
        operations().forEach((routeKey, operation) -> {
            assertThat(operation.getResponses()).as(routeKey).containsKey("400");
            assertThat(operation.getResponses()).as("%s answers a bug with its default", routeKey)
                    .containsKey(OpenApiDocument.DEFAULT);
            operation.getResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5") || status.equals(OpenApiDocument.DEFAULT)) {
                    assertThat(response.getContent()).as("%s %s", routeKey, status)
                            .containsOnlyKeys(Problems.CONTENT_TYPE);
                }
            });
        });
    }

    @Test
    void aFailureAnOperationDoesNotListIsHeldAgainstItsDefaultResponseAndAnUnlistedClientErrorIsAViolation() {
        // given the reply to a bug, which no operation lists by its status
        JsonNode bug = Problems.internalError("req-1").body();
        JsonNode notAProblem = JsonNodeFactory.instance.objectNode().put("message", "Internal Server Error");

        // when it is held against an operation
        var document = OpenApiDocument.get();
        var asAProblem = document.violations("GET", "/prompts/{id}", 500, Problems.CONTENT_TYPE, bug);
        var asPlainJson = document.violations("GET", "/prompts/{id}", 500, "application/json", bug);
        var withAnotherBody = document.violations("GET", "/prompts/{id}", 500, Problems.CONTENT_TYPE, notAProblem);
        var unlistedClientError = document.violations("GET", "/prompts/{id}", 418, Problems.CONTENT_TYPE, bug);

        // then the default response decides: a problem, and only a problem
        assertThat(asAProblem).as("a 500 problem keeps the default response").isEmpty();
        assertThat(asPlainJson).as("another content type").isNotEmpty();
        assertThat(withAnotherBody).as("a body that is not a problem").isNotEmpty();
        assertThat(unlistedClientError).as("a 4xx must be listed").containsExactly("status 418 is not documented");
    }

    private static Map<String, Operation> operations() {
        Map<String, Operation> operations = new HashMap<>();
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> operations.put(method.name() + " " + path, operation)));
        return operations;
    }

    private static Set<String> parameters(Operation operation, String in) {
        PathItem item = openApi.getPaths().values().stream()
                .filter(path -> path.readOperations().contains(operation)).findFirst().orElseThrow();
        List<Parameter> all = new java.util.ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        return all.stream().filter(parameter -> in.equals(parameter.getIn())).map(Parameter::getName)
                .collect(Collectors.toSet());
    }

    private static Set<String> pathParameters(String template) {
        Matcher matcher = Pattern.compile("\\{([^}]+)}").matcher(template);
        Set<String> names = new java.util.HashSet<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    static String operationId(Route route) {
        String[] words = route.name().toLowerCase(java.util.Locale.ROOT).split("_");
        StringBuilder id = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            id.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return id.toString();
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.isObject() && node.has("$ref")) {
            references.add(node.get("$ref").asText());
        }
        node.forEach(child -> collectReferences(child, references));
    }
}
