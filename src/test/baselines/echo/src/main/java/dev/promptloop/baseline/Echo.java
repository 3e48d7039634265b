package dev.promptloop.baseline;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import jakarta.inject.Named;

import java.util.Map;

/** Answers its input: the least a Quarkus Lambda can do, so its start-up is the framework's alone. */
@Named("echo")
public class Echo implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return input;
    }
}
