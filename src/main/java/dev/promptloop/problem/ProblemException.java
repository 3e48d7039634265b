package dev.promptloop.problem;

/**
 * A failure the caller caused or can act on. Handlers turn it into an RFC 9457 problem response; the core throws it
 * before writing anything, so a problem never leaves a partial write behind.
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

    /** Caller-supplied text cut to a length that is safe to echo in a detail. */
    public static String excerpt(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
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
