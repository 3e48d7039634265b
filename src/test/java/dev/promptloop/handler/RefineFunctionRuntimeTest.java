package dev.promptloop.handler;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.promptloop.support.ApiGatewayEvents;
import dev.promptloop.support.PromptloopTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The refine function as Lambda runs it: a stream event file in, a StreamsEventResponse out. */
@QuarkusTest
@PromptloopTest
@TestProfile(RefineFunctionRuntimeTest.RefineFunction.class)
class RefineFunctionRuntimeTest {

    public static class RefineFunction implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.lambda.handler", "refine");
        }
    }

    @Test
    void aStreamEventFileIsReadAndAnsweredWithNoFailures() throws Exception {
        String event = Files.readString(Path.of("infra/events/refine-stream.json"));

        given().contentType("application/json").body(event)
                .when().post()
                .then().statusCode(200)
                .body("batchItemFailures", empty());
    }

    @Test
    void aRecordWithoutPromptIsReportedByItsSequenceNumber() {
        ObjectNode event = ApiGatewayEvents.file("infra/events/refine-stream.json");
        ((ObjectNode) event.get("Records").get(0).get("dynamodb").get("NewImage")).remove("promptId");

        given().contentType("application/json").body(event.toString())
                .when().post()
                .then().statusCode(200)
                .body("batchItemFailures", hasSize(1))
                .body("batchItemFailures[0].itemIdentifier", equalTo("111100000000000000001"));
    }
}
