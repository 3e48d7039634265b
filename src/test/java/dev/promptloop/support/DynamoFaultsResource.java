package dev.promptloop.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives the DynamoDB client what it has on AWS: the retry mode the SAM template sets (AWS_RETRY_MODE, handed to the
 * SDK as its system property before the application builds the client) and the production profile's attempt and call
 * timeouts. ({@link DynamoFaultInjector} is registered for every test, as interceptors are build-time configuration.)
 */
public class DynamoFaultsResource implements QuarkusTestResourceLifecycleManager {

    static final Path TEMPLATE = Path.of("infra", "template.yaml");
    static final Path PROPERTIES = Path.of("src", "main", "resources", "application.properties");

    @Override
    public Map<String, String> start() {
        System.setProperty("aws.retryMode", templateVariable("AWS_RETRY_MODE"));
        return Map.of("quarkus.dynamodb.api-call-attempt-timeout", productionSetting("api-call-attempt-timeout"),
                "quarkus.dynamodb.api-call-timeout", productionSetting("api-call-timeout"));
    }

    @Override
    public void stop() {
        System.clearProperty("aws.retryMode");
    }

    private static String templateVariable(String name) {
        return find(TEMPLATE, "\\n\\s+" + name + ": \"?(\\w+)\"?\\n");
    }

    private static String productionSetting(String name) {
        return find(PROPERTIES, "\\n%prod\\.quarkus\\.dynamodb\\." + Pattern.quote(name) + "=(\\S+)");
    }

    private static String find(Path file, String regex) {
        try {
            Matcher value = Pattern.compile(regex).matcher(Files.readString(file));
            if (!value.find()) {
                throw new IllegalStateException(regex + " not found in " + file);
            }
            return value.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
