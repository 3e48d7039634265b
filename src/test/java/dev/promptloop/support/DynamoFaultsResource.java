package dev.promptloop.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

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
        try (Reader properties = Files.newBufferedReader(PROPERTIES)) {
            String retryMode = new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile())
                    .at("/Globals/Function/Environment/Variables/AWS_RETRY_MODE").asText();
            if (retryMode.isEmpty()) {
                throw new IllegalStateException("AWS_RETRY_MODE is not set in " + TEMPLATE);
            }
            System.setProperty("aws.retryMode", retryMode);
            var production = new Properties();
            production.load(properties);
            return Map.of(
                    "quarkus.dynamodb.api-call-attempt-timeout",
                    production.getProperty("%prod.quarkus.dynamodb.api-call-attempt-timeout"),
                    "quarkus.dynamodb.api-call-timeout",
                    production.getProperty("%prod.quarkus.dynamodb.api-call-timeout"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        System.clearProperty("aws.retryMode");
    }
}
