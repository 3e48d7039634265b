package dev.promptloop.infra;

import com.fasterxml.jackson.databind.JsonNode;
import dev.promptloop.handler.Route;
import dev.promptloop.local.StreamFilter;
import dev.promptloop.local.StreamMappingSettings;
import dev.promptloop.store.TablePriming;
import dev.promptloop.store.TableSchemas;
import dev.promptloop.wiring.PrimedStreamHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * infra/template.yaml and the code agree: the tables local mode and tests create are the template's, every route of
 * the code is deployed to the function that serves it, and the stream wiring has the settings partial batch failure
 * reporting depends on.
 */
class TemplateContractTest {

    static final String API_KEY_SECRET =
            "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${OpenAiApiKeySecretName}-??????";

    static JsonNode template;
    static JsonNode resources;

    @BeforeAll
    static void readTemplate() {
        template = DeployedRoutes.template();
        resources = template.get("Resources");
    }

    @Test
    void tablesMatchTheSchemasTheCodeCreatesLocally() {
        assertTable("PromptsTable", TableSchemas.prompts("x"));
        assertTable("RendersTable", TableSchemas.renders("x"));
        assertTable("FeedbackTable", TableSchemas.feedback("x"));
        assertTable("IdempotencyTable", TableSchemas.idempotency("x"));
        assertThat(resources.at("/IdempotencyTable/Properties/TimeToLiveSpecification/AttributeName").asText())
                .isEqualTo(TableSchemas.IDEMPOTENCY_TTL);
        assertThat(resources.at("/RendersTable/Properties/TimeToLiveSpecification/AttributeName").asText())
                .isEqualTo(TableSchemas.RENDER_TTL);
        assertThat(resources.at("/FeedbackTable/Properties/StreamSpecification/StreamViewType").asText())
                .isEqualTo("NEW_IMAGE");
        JsonNode index = resources.at("/FeedbackTable/Properties/GlobalSecondaryIndexes/0");
        assertThat(index.get("IndexName").asText()).isEqualTo(TableSchemas.FEEDBACK_PENDING_INDEX);
        assertThat(keys(index.get("KeySchema"))).isEqualTo(Map.of(TableSchemas.FEEDBACK_PENDING, "HASH",
                TableSchemas.FEEDBACK_SK, "RANGE"));
    }

    @Test
    void everyRouteIsDeployedOnTheFunctionThatServesIt() {
        Map<String, String> expected = new HashMap<>();
        for (Route route : Route.values()) {
            expected.put(route.routeKey(), route.handler());
        }
        assertThat(DeployedRoutes.of(resources)).isEqualTo(expected);
    }

    @Test
    void managementRoutesTakeIamAndClientRoutesTakeIamOrJwtNeverNone() {
        assertThat(resources.at("/HttpApi/Properties/Auth/DefaultAuthorizer").asText()).isEqualTo("AWS_IAM");
        resources.fields().forEachRemaining(resource -> {
            resource.getValue().at("/Properties/Events").forEach(event ->
                    assertThat(event.at("/Properties/Auth").isMissingNode())
                            .as("%s keeps the management API's IAM default", resource.getKey()).isTrue());
        });
        Set<String> clientRoutes = new HashSet<>();
        resources.fields().forEachRemaining(resource -> {
            if (!"AWS::ApiGatewayV2::Route".equals(resource.getValue().path("Type").asText())) {
                return;
            }
            JsonNode route = resource.getValue().get("Properties");
            clientRoutes.add(route.get("RouteKey").asText());
            assertThat(route.get("ApiId").asText()).isEqualTo("ClientApi");
            // !If [UseJwt, JWT, AWS_IAM] and !If [UseJwt, !Ref ClientJwtAuthorizer, !Ref AWS::NoValue]
            assertThat(route.get("AuthorizationType").toString()).isEqualTo("[\"UseJwt\",\"JWT\",\"AWS_IAM\"]");
            assertThat(route.get("AuthorizerId").get(1).asText()).isEqualTo("ClientJwtAuthorizer");
            String function = DeployedRoutes.clientRouteFunction(resources, route);
            JsonNode permission = resources.get(function.replace("Function", "InvokePermission")).get("Properties");
            assertThat(permission.get("FunctionName").asText()).isEqualTo(function + ".Alias");
            assertThat(permission.get("SourceArn").asText()).as("invocable through its own route only")
                    .endsWith("${ClientApi}/*/" + route.get("RouteKey").asText().replace(" ", "")
                            .replaceAll("\\{[^}]+}", "*"));
        });
        assertThat(clientRoutes).containsExactlyInAnyOrder(Route.RENDER.routeKey(), Route.FEEDBACK.routeKey());
        JsonNode jwt = resources.at("/ClientJwtAuthorizer");
        assertThat(jwt.get("Condition").asText()).isEqualTo("UseJwt");
        assertThat(jwt.at("/Properties/AuthorizerType").asText()).isEqualTo("JWT");
    }

    @Test
    void bothApisAreThrottledAndLogEveryRequestWithoutBodiesOrTokens() {
        for (String stage : new String[] {"/HttpApi/Properties", "/ClientApiStage/Properties"}) {
            JsonNode settings = resources.at(stage);
            assertThat(settings.at("/DefaultRouteSettings/ThrottlingRateLimit").isMissingNode()).as(stage).isFalse();
            assertThat(settings.at("/DefaultRouteSettings/ThrottlingBurstLimit").isMissingNode()).as(stage).isFalse();
            assertThat(settings.at("/AccessLogSettings/DestinationArn").asText()).isEqualTo("ApiAccessLogGroup.Arn");
            assertThat(settings.at("/AccessLogSettings/Format").asText()).as(stage)
                    .contains("$context.requestId", "$context.status")
                    .doesNotContain("$request.body", "$request.header", "$context.authorizer.claims");
        }
    }

    @Test
    void theRefineFunctionsStreamsReportPartialFailuresBoundRetriesAndFilterAsLocalModeDoes() {
        assertThat(resources.at("/RefineFunction/Properties/Environment/Variables/QUARKUS_LAMBDA_HANDLER").asText())
                .isEqualTo("refine");
        Map<String, StreamFilter> sources = Map.of("FeedbackStream", StreamFilter.FEEDBACK_INSERTS,
                "GateRequests", StreamFilter.GATE_REQUESTS);
        sources.forEach((event, filter) -> {
            JsonNode stream = resources.at("/RefineFunction/Properties/Events/" + event + "/Properties");
            assertThat(stream.get("FunctionResponseTypes").get(0).asText()).as(event)
                    .isEqualTo("ReportBatchItemFailures");
            // local mode and EventSourceMappingTest run the mapping with these very settings
            var local = StreamMappingSettings.TEMPLATE;
            assertThat(stream.get("BatchSize").asInt()).isEqualTo(local.batchSize());
            assertThat(stream.get("BisectBatchOnFunctionError").asBoolean()).isEqualTo(local.bisectOnFunctionError())
                    .isTrue();
            assertThat(stream.get("MaximumRetryAttempts").asInt()).isEqualTo(local.maxRetries()).isBetween(0, 10);
            assertThat(stream.get("MaximumRecordAgeInSeconds").asLong()).isEqualTo(local.maxRecordAge().toSeconds())
                    .isBetween(60L, 86_400L);
            assertThat(stream.at("/FilterCriteria/Filters/0/Pattern").asText()).as(event).isEqualTo(filter.pattern());
            assertThat(stream.at("/DestinationConfig/OnFailure/Type").asText()).isEqualTo("SQS");
        });
        assertThat(resources.at("/RefineFunction/Properties/Events/GateRequests/Properties/Stream").asText())
                .isEqualTo("PromptsTable.StreamArn");
        assertThat(resources.at("/PromptsTable/Properties/StreamSpecification/StreamViewType").asText())
                .isEqualTo("NEW_IMAGE");
    }

    @Test
    void theApiKeyIsReadFromSecretsManagerAtRunTimeNeverPutInTheEnvironment() {
        JsonNode parameters = template.get("Parameters");
        parameters.fieldNames().forEachRemaining(name -> {
            if (name.toLowerCase().contains("apikey")) {
                assertThat(name).as("a parameter may name the secret, never hold the key").endsWith("SecretName");
            }
        });
        Set<String> functionsWithSecret = new HashSet<>();
        for (var resource : (Iterable<Map.Entry<String, JsonNode>>) resources::fields) {
            JsonNode variables = resource.getValue().at("/Properties/Environment/Variables");
            assertThat(variables.has("OPENAI_API_KEY")).as("%s has no key in its environment", resource.getKey())
                    .isFalse();
            if (variables.has("PROMPTLOOP_MODEL_API_KEY_SECRET")) {
                functionsWithSecret.add(resource.getKey());
                assertThat(variables.get("PROMPTLOOP_MODEL_API_KEY_SECRET").asText())
                        .as("the secret's name, not its value").isEqualTo("OpenAiApiKeySecretName");
            }
        }
        assertThat(functionsWithSecret).as("render and refine call the model")
                .containsExactlyInAnyOrder("RenderFunction", "RefineFunction");
    }

    @Test
    void eachFunctionHasOnlyTheAccessItsHandlerNeeds() {
        String[] idempotency = {"dynamodb:GetItem IdempotencyTable.Arn", "dynamodb:PutItem IdempotencyTable.Arn",
                "dynamodb:UpdateItem IdempotencyTable.Arn", "dynamodb:DeleteItem IdempotencyTable.Arn"};
        assertThat(grants("PromptsFunction")).containsExactlyInAnyOrder(concat(idempotency,
                "dynamodb:GetItem PromptsTable.Arn", "dynamodb:PutItem PromptsTable.Arn",
                "dynamodb:UpdateItem PromptsTable.Arn", "dynamodb:Query PromptsTable.Arn",
                "dynamodb:BatchWriteItem PromptsTable.Arn", "dynamodb:Query ${PromptsTable.Arn}/index/heads-index",
                // the regression suite: an owner's change is checked against the head, a deletion deletes
                "dynamodb:DeleteItem PromptsTable.Arn", "dynamodb:ConditionCheckItem PromptsTable.Arn",
                "dynamodb:Query FeedbackTable.Arn", "dynamodb:Query ${FeedbackTable.Arn}/index/pending-index"));
        assertThat(grants("RenderFunction")).containsExactlyInAnyOrder(concat(idempotency,
                "dynamodb:GetItem PromptsTable.Arn", "dynamodb:PutItem RendersTable.Arn",
                "dynamodb:BatchWriteItem FeedbackTable.Arn", "secretsmanager:GetSecretValue " + API_KEY_SECRET));
        assertThat(grants("FeedbackFunction")).containsExactlyInAnyOrder(concat(idempotency,
                "dynamodb:ConditionCheckItem RendersTable.Arn", "dynamodb:PutItem FeedbackTable.Arn"));
        assertThat(grants("RefineFunction")).containsExactlyInAnyOrder(
                "dynamodb:GetItem PromptsTable.Arn", "dynamodb:PutItem PromptsTable.Arn",
                "dynamodb:UpdateItem PromptsTable.Arn", "dynamodb:BatchWriteItem PromptsTable.Arn",
                // the gate reads the regression suite; a refinement drops cases to make room for new ones
                "dynamodb:Query PromptsTable.Arn", "dynamodb:DeleteItem PromptsTable.Arn",
                "dynamodb:UpdateItem FeedbackTable.Arn",
                "dynamodb:Query FeedbackTable.Arn", "dynamodb:Query ${FeedbackTable.Arn}/index/pending-index",
                "dynamodb:BatchGetItem RendersTable.Arn",
                "dynamodb:DescribeStream FeedbackTable.StreamArn", "dynamodb:GetRecords FeedbackTable.StreamArn",
                "dynamodb:GetShardIterator FeedbackTable.StreamArn", "dynamodb:ListStreams FeedbackTable.StreamArn",
                "dynamodb:DescribeStream PromptsTable.StreamArn", "dynamodb:GetRecords PromptsTable.StreamArn",
                "dynamodb:GetShardIterator PromptsTable.StreamArn", "dynamodb:ListStreams PromptsTable.StreamArn",
                "sqs:SendMessage RefineFailureQueue.Arn", "secretsmanager:GetSecretValue " + API_KEY_SECRET);
    }

    @Test
    void theJvmRuntimesStartTheHandlerThatPrimesInitsAheadOfTraffic() {
        JsonNode handler = template.at("/Globals/Function/Handler");
        assertThat(handler.get(2).asText()).as("!If [IsNative, ..., the JVM handler]").isEqualTo(PrimedStreamHandler.class.getName() + "::handleRequest");
    }

    @Test
    void theClientFunctionsTakeProvisionedConcurrencyByParameterButNeverTogetherWithSnapStart() {
        for (String function : Set.of("RenderFunction", "FeedbackFunction")) {
            JsonNode config = resources.at("/" + function + "/Properties/ProvisionedConcurrencyConfig");
            assertThat(config.get(0).asText()).as(function).isEqualTo("HasClientProvisionedConcurrency");
            assertThat(config.get(1).get("ProvisionedConcurrentExecutions").asText()).as(function)
                    .isEqualTo("ClientProvisionedConcurrency");
        }
        assertThat(resources.at("/PromptsFunction/Properties/ProvisionedConcurrencyConfig").isMissingNode()).isTrue();
        assertThat(resources.at("/RefineFunction/Properties/ProvisionedConcurrencyConfig").isMissingNode()).isTrue();
        JsonNode rule = template.at("/Rules/ProvisionedConcurrencyWithoutSnapStart");
        assertThat(rule.get("RuleCondition").toString()).contains("ClientProvisionedConcurrency");
        assertThat(rule.at("/Assertions/0/Assert").toString()).isEqualTo("[\"SnapStart\",\"None\"]");
    }

    @Test
    void eachFunctionPrimesOnATableItsRoleMayRead() {
        Map<TablePriming.PrimedTable, String> tableResources = Map.of(TablePriming.PrimedTable.PROMPTS, "PromptsTable",
                TablePriming.PrimedTable.IDEMPOTENCY, "IdempotencyTable");
        for (String function : Set.of("PromptsFunction", "RenderFunction", "FeedbackFunction", "RefineFunction")) {
            String handler = resources.at("/" + function + "/Properties/Environment/Variables/QUARKUS_LAMBDA_HANDLER")
                    .asText();
            assertThat(handler).as(function).isNotEmpty();
            assertThat(grants(function)).as(function)
                    .contains("dynamodb:GetItem " + tableResources.get(PrimedStreamHandler.primedTable(handler)) + ".Arn");
        }
    }

    private static String[] concat(String[] shared, String... own) {
        String[] all = java.util.Arrays.copyOf(shared, shared.length + own.length);
        System.arraycopy(own, 0, all, shared.length, own.length);
        return all;
    }

    /** "action resource" pairs of a function's inline policy statements; managed policy templates are not allowed. */
    private static Set<String> grants(String function) {
        Set<String> grants = new HashSet<>();
        for (JsonNode policy : resources.at("/" + function + "/Properties/Policies")) {
            assertThat(policy.has("Statement")).as("%s uses only inline statements", function).isTrue();
            for (JsonNode statement : policy.get("Statement")) {
                assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
                for (JsonNode action : statement.get("Action")) {
                    grants.add(action.asText() + " " + statement.get("Resource").asText());
                }
            }
        }
        return grants;
    }

    private static void assertTable(String resource, CreateTableRequest expected) {
        JsonNode properties = resources.get(resource).get("Properties");
        assertThat(properties.get("BillingMode").asText()).isEqualTo("PAY_PER_REQUEST");
        Map<String, String> keys = new HashMap<>();
        expected.keySchema().forEach(k -> keys.put(k.attributeName(), k.keyTypeAsString()));
        assertThat(keys(properties.get("KeySchema"))).as(resource).isEqualTo(keys);
        Map<String, String> attributes = new HashMap<>();
        expected.attributeDefinitions().forEach(a -> attributes.put(a.attributeName(), a.attributeTypeAsString()));
        Map<String, String> declared = new HashMap<>();
        properties.get("AttributeDefinitions").forEach(a ->
                declared.put(a.get("AttributeName").asText(), a.get("AttributeType").asText()));
        assertThat(declared).as(resource).isEqualTo(attributes);
        Map<String, String> indexes = new HashMap<>();
        expected.globalSecondaryIndexes().forEach(i -> indexes.put(i.indexName(), keysOf(i.keySchema()) + " "
                + i.projection().projectionTypeAsString() + " " + i.projection().nonKeyAttributes()));
        Map<String, String> declaredIndexes = new HashMap<>();
        properties.path("GlobalSecondaryIndexes").forEach(i -> {
            java.util.List<String> nonKey = new java.util.ArrayList<>();
            i.path("Projection").path("NonKeyAttributes").forEach(a -> nonKey.add(a.asText()));
            declaredIndexes.put(i.get("IndexName").asText(), keys(i.get("KeySchema")) + " "
                    + i.get("Projection").get("ProjectionType").asText() + " " + nonKey);
        });
        assertThat(declaredIndexes).as(resource + " indexes").isEqualTo(indexes);
    }

    private static Map<String, String> keysOf(java.util.List<software.amazon.awssdk.services.dynamodb.model
            .KeySchemaElement> schema) {
        Map<String, String> keys = new HashMap<>();
        schema.forEach(k -> keys.put(k.attributeName(), k.keyTypeAsString()));
        return keys;
    }

    private static Map<String, String> keys(JsonNode schema) {
        Map<String, String> keys = new HashMap<>();
        schema.forEach(k -> keys.put(k.get("AttributeName").asText(), k.get("KeyType").asText()));
        return keys;
    }
}
