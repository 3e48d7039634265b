package dev.promptloop.template;

/** A template text that cannot be parsed; the message says where. */
public class TemplateSyntaxException extends RuntimeException {

    public TemplateSyntaxException(String message) {
        super(message);
    }
}
