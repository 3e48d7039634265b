package dev.promptloop.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * A test profile with tables of its own, for tests that fill a table with thousands of items: moto copies every
 * table a transaction touches, so the other tests' transactions stay as fast as they were.
 */
public class OwnTables implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("promptloop.tables.prompts", "long-lived-prompts",
                "promptloop.tables.renders", "long-lived-renders",
                "promptloop.tables.feedback", "long-lived-feedback",
                "promptloop.tables.idempotency", "long-lived-idempotency");
    }
}
