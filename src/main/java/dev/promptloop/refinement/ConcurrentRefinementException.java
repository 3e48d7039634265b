package dev.promptloop.refinement;

/** Another writer changed the prompt or consumed the feedback first; this attempt wrote nothing. */
public class ConcurrentRefinementException extends RuntimeException {

    public ConcurrentRefinementException(String message) {
        super(message);
    }
}
