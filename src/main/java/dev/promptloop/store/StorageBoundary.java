package dev.promptloop.store;

import jakarta.interceptor.InterceptorBinding;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a repository whose DynamoDB failures leave it as the core's exceptions: a table that is throttled or
 * unreachable after the SDK's retries becomes {@link dev.promptloop.core.StorageUnavailableException} (see
 * {@link StorageFaults}); anything else passes unchanged, a bug to be seen as one.
 */
@InterceptorBinding
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface StorageBoundary {
}
