package dev.promptloop.core;

/** Text handling every layer shares, so each rule is written once. */
public final class Texts {

    private Texts() {
    }

    /** The length callers' text is cut to in a problem's detail. */
    public static final int EXCERPT = 64;

    /** The text cut to {@link #EXCERPT} characters. */
    public static String excerpt(String text) {
        return excerpt(text, EXCERPT);
    }

    /** The text cut to {@code max} characters, marked with "..." when cut: what is safe to echo in a message. */
    public static String excerpt(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "...";
    }

    /**
     * Escapes angle brackets (and the ampersand that escapes them), so text quoted inside a delimiter such as
     * {@code <critique>} can neither close it nor open a new one.
     */
    public static String escapeMarkup(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
