package dev.promptloop.core;

/** The change clashes with what is stored: a prompt id that is taken, say. Nothing was written. */
public class ConflictException extends DomainException {

    public ConflictException(String code, String detail) {
        super(code, detail);
    }
}
