package dev.promptloop.handler;

import java.util.Optional;

/**
 * Who made a request, as far as something in front of the function verified it: the subject of a JWT API Gateway
 * verified (the client API's sticky key), and the actor a change is recorded under (the IAM principal, or else the
 * JWT subject).
 */
public record Caller(Optional<String> tokenSubject, String actor) {

    /** A direct invocation: whoever may invoke the function; the event names no principal. */
    public static final Caller DIRECT = new Caller(Optional.empty(), "direct-invocation");
    /** Nothing verified a caller (a route without an authorizer). */
    static final String ANONYMOUS = "anonymous";

    /** The identity something in front of the function verified: the JWT's subject, else the IAM principal. */
    public Optional<String> verified() {
        return tokenSubject.or(() -> ANONYMOUS.equals(actor) || DIRECT.actor().equals(actor) ? Optional.empty()
                : Optional.of(actor));
    }
}
