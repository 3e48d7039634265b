package dev.promptloop.core;

/**
 * Input that is well formed but that the prompt cannot take: a template that does not parse, variables the version
 * does not use, a label moved to a version that does not exist.
 */
public class InvalidInputException extends DomainException {

    public InvalidInputException(String code, String detail) {
        super(code, detail);
    }
}
