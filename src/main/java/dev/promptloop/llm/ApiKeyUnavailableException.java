package dev.promptloop.llm;

/** The model's API key could not be read; like a model outage, it may pass, so a call is retried and then a 503. */
public class ApiKeyUnavailableException extends RuntimeException {

    public ApiKeyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
