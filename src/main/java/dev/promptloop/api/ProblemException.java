package dev.promptloop.api;

/**
 * A request the wire format refuses before the core sees it (a body that is not JSON, a field of the wrong type, a
 * limit exceeded, an unknown route), with the status it is answered with as an RFC 9457 problem.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    public ProblemException(int status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public static ProblemException badRequest(String type, String detail) {
        return new ProblemException(400, type, "Bad request", detail);
    }

    public static ProblemException notFound(String type, String detail) {
        return new ProblemException(404, type, "Not found", detail);
    }

    public static ProblemException conflict(String type, String detail) {
        return new ProblemException(409, type, "Conflict", detail);
    }

    public static ProblemException tooLarge(String type, String detail) {
        return new ProblemException(413, type, "Content too large", detail);
    }

    public static ProblemException unprocessable(String type, String detail) {
        return new ProblemException(422, type, "Unprocessable content", detail);
    }

    public int status() {
        return status;
    }

    /** Short slug; the response's {@code type} URI is built from it. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
