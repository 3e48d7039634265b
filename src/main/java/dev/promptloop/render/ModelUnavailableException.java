package dev.promptloop.render;

/** The model did not answer usefully (refused, timed out, failed, answered nothing). */
public class ModelUnavailableException extends RuntimeException {

    public ModelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure that may pass on its own: rate limited, a server error, a timeout, an empty answer. */
    public static class Transient extends ModelUnavailableException {

        public Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
