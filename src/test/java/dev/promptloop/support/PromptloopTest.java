package dev.promptloop.support;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The test resources every Quarkus test here runs on: moto_server for AWS and WireMock for the model. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(value = MotoResource.class, scope = TestResourceScope.MATCHING_RESOURCES, parallel = true)
@WithTestResource(value = WireMockResource.class, scope = TestResourceScope.MATCHING_RESOURCES, parallel = true)
public @interface PromptloopTest {
}
