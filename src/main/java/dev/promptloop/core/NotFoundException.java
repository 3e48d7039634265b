package dev.promptloop.core;

/** What the caller named does not exist (or, for a render, has expired). */
public class NotFoundException extends DomainException {

    public NotFoundException(String code, String detail) {
        super(code, detail);
    }
}
