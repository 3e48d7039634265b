package dev.promptloop.core;

/** What was asked for exists but no longer serves (an archived prompt); it may serve again. */
public class GoneException extends DomainException {

    public GoneException(String code, String detail) {
        super(code, detail);
    }
}
