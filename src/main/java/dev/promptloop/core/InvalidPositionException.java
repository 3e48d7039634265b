package dev.promptloop.core;

/** A page was asked for from a position that no page of that list was ever given out with. */
public class InvalidPositionException extends DomainException {

    public InvalidPositionException(String detail) {
        super("invalid-cursor", detail);
    }
}
