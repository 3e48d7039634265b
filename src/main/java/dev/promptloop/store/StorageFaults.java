package dev.promptloop.store;

import dev.promptloop.core.StorageUnavailableException;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies {@link StorageBoundary}: every call of a marked repository, one place for what {@link DynamoFaults} says. */
@StorageBoundary
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
class StorageFaults {

    @AroundInvoke
    Object translate(InvocationContext call) throws Exception {
        try {
            return call.proceed();
        } catch (RuntimeException e) {
            if (e instanceof StorageUnavailableException || !DynamoFaults.isTransient(e)) {
                throw e;
            }
            throw new StorageUnavailableException("DynamoDB is throttled or unreachable: " + e, e);
        }
    }
}
