package dev.promptloop.render;

/** The model did not answer usefully (timeout, refused connection, 5xx, empty answer). */
public class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
