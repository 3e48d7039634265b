package dev.promptloop.core;

/** The caller changed something it saw at another revision than the stored one (If-Match). Nothing was written. */
public class PreconditionFailedException extends DomainException {

    public PreconditionFailedException(String detail) {
        super("revision-mismatch", detail);
    }
}
