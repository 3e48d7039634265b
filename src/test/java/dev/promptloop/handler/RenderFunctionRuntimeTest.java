package dev.promptloop.handler;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.promptloop.support.ApiGatewayEvents.JSON;
import static dev.promptloop.support.ApiGatewayEvents.v2;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The render function as Lambda runs it (quarkus.lambda.handler=render in tests): events go through the Lambda
 * runtime's JSON reading and writing, not a direct bean call.
 */
@QuarkusTest
@PromptloopTest
class RenderFunctionRuntimeTest {

    @Inject
    Prompts prompts;
    @InjectWireMock
    WireMockServer model;

    @Test
    void anHttpApiEventIsAnsweredWithAnApiGatewayResponse() {
        model.resetAll();
        OpenAiStubs.renderAnswers(model, "Aurora Lamp, $49.99.");
        String id = prompts.create(Prompts.uniqueId("runtime"), null);
        var vars = JSON.createObjectNode();
        Prompts.ROW.forEach(vars::put);
        String event = v2(Route.RENDER, Map.of("id", id), "{\"variables\": " + vars + "}").toString();

        given().contentType("application/json").body(event)
                .when().post()
                .then().statusCode(200)
                .body("statusCode", equalTo(200))
                .body("headers.content-type", equalTo("application/json"))
                .body("body", containsString("\"output\":\"Aurora Lamp, $49.99.\""));
    }

    @Test
    void aProblemTravelsAsAProblemResponseNotAFunctionError() {
        String event = v2(Route.RENDER, Map.of("id", "missing-prompt"), "{\"variables\": {}}").toString();

        given().contentType("application/json").body(event)
                .when().post()
                .then().statusCode(200)
                .body("statusCode", equalTo(404))
                .body("headers.content-type", equalTo("application/problem+json"))
                .body("body", containsString("prompt-not-found"));
    }
}
