package dev.promptloop.support.contract;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

/**
 * Every HTTP reply any test receives from any handler, whether the test calls the bean or goes through the Lambda
 * runtime, is held against infra/openapi.yaml before the test sees it: a reply that breaks the document fails the test
 * that provoked it, and each kept (operation, status) pair is recorded for the coverage check that runs after.
 */
@Decorator
@Priority(1)
public abstract class ContractCheckedHandlers implements RequestHandler<JsonNode, JsonNode> {

    @Inject
    @Delegate
    @Any
    RequestHandler<JsonNode, JsonNode> handler;

    @Override
    public JsonNode handleRequest(JsonNode event, Context context) {
        JsonNode reply = handler.handleRequest(event, context);
        ObservedReply.of(event, reply).ifPresent(ContractCheck::hold);
        return reply;
    }
}
