package dev.promptloop.support;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** A Lambda context whose invocation may run for a given time more, as Lambda reports it to the function. */
public record RemainingTimeContext(int remainingMillis) implements Context {

    public String getAwsRequestId() {
        return "test-request";
    }

    public String getLogGroupName() {
        return "test";
    }

    public String getLogStreamName() {
        return "test";
    }

    public String getFunctionName() {
        return "test";
    }

    public String getFunctionVersion() {
        return "$LATEST";
    }

    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:test";
    }

    public CognitoIdentity getIdentity() {
        return null;
    }

    public ClientContext getClientContext() {
        return null;
    }

    public int getRemainingTimeInMillis() {
        return remainingMillis;
    }

    public int getMemoryLimitInMB() {
        return 512;
    }

    public LambdaLogger getLogger() {
        return null;
    }
}
