package dev.promptloop.core;

/**
 * The store is throttled or unreachable after its own retries: the caller should come back later. Nothing about it
 * is a fault of the request or of Promptloop, and nothing was written.
 */
public class StorageUnavailableException extends DomainException {

    public StorageUnavailableException(String detail, Throwable cause) {
        super("storage-unavailable", detail, cause);
    }
}
