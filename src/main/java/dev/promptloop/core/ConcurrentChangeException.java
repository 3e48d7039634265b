package dev.promptloop.core;

/**
 * Someone else changed the prompt (or consumed the feedback) between this writer's read and its conditional write;
 * nothing was written. Refinement reads it as "superseded"; a person is told to read again and retry.
 */
public class ConcurrentChangeException extends ConflictException {

    public static final String CODE = "concurrent-change";

    public ConcurrentChangeException(String detail) {
        super(CODE, detail);
    }
}
