package dev.promptloop.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.promptloop.support.InjectWireMock;
import dev.promptloop.support.OpenAiStubs;
import dev.promptloop.support.PromptloopTest;
import dev.promptloop.support.Prompts;
import dev.promptloop.render.ModelUnavailableException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.ConnectException;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.promptloop.support.ApiGatewayEvents.body;
import static dev.promptloop.support.ApiGatewayEvents.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model whose connection breaks (reset, closed without an answer, garbage then closed) is a model that is down:
 * retried like a 5xx, then a 503 problem with Retry-After, never the 502 that says the model refused the request. So is
 * a model nothing listens for.
 */
@QuarkusTest
@PromptloopTest
class ModelNetworkFaultsTest {

    @Inject
    Prompts prompts;
    @InjectWireMock
    WireMockServer model;

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE", "RANDOM_DATA_THEN_CLOSE"})
    void aBrokenConnectionIsRetriedThenAnswers503WithRetryAfter(Fault fault) {
        String id = prompts.create(Prompts.uniqueId("network"), null);
        model.resetAll();
        model.stubFor(post(urlPathEqualTo(OpenAiStubs.PATH)).willReturn(aResponse().withFault(fault)));

        JsonNode down = prompts.renderResponse(id, Prompts.ROW);

        assertThat(status(down)).as(body(down).toString()).isEqualTo(503);
        assertThat(body(down).get("type").asText()).endsWith(":model-unavailable");
        assertThat(down.get("headers").get("Retry-After").asText()).isEqualTo("30");
        assertThat(model.findAll(postRequestedFor(urlPathEqualTo(OpenAiStubs.PATH))))
                .as("two attempts of ours, each retried once by the client").hasSize(4);
    }

    @Test
    void aRefusedConnectionIsTransientToo() {
        // what the REST client throws when nothing listens at the base URL (Netty's exception is a ConnectException)
        var refused = new ProcessingException(new ConnectException("Connection refused: /127.0.0.1:9"));

        assertThat(OpenAiChatModel.classify(refused)).isInstanceOf(ModelUnavailableException.Transient.class);
    }
}
