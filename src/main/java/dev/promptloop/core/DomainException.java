package dev.promptloop.core;

/**
 * A failure the core reports to its caller in its own terms: what went wrong ({@link #code()}, a short slug such as
 * {@code missing-variables}) and a detail safe to show. Adapters decide what it means on their wire; the core never
 * speaks of status codes. It is thrown before anything is written, so it never leaves a partial write behind.
 */
public abstract class DomainException extends RuntimeException {

    private final String code;

    protected DomainException(String code, String detail) {
        super(detail);
        this.code = code;
    }

    protected DomainException(String code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
