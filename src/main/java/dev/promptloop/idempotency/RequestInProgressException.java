package dev.promptloop.idempotency;

import dev.promptloop.core.ConflictException;

/** The first request with this Idempotency-Key is still running. */
public class RequestInProgressException extends ConflictException {

    public RequestInProgressException() {
        super("request-in-progress", "a request with this Idempotency-Key is still running; retry shortly");
    }
}
