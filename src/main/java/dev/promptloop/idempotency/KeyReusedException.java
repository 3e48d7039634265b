package dev.promptloop.idempotency;

import dev.promptloop.core.InvalidInputException;

/** The Idempotency-Key was used before with a different request. */
public class KeyReusedException extends InvalidInputException {

    public KeyReusedException() {
        super("idempotency-key-reused", "this Idempotency-Key was used with a different request body");
    }
}
