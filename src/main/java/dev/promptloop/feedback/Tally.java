package dev.promptloop.feedback;

/** People's positive and negative feedback on one version. */
public record Tally(long positive, long negative) {

    public static final Tally NONE = new Tally(0, 0);

    public long total() {
        return positive + negative;
    }

    public Tally plus(boolean isNegative) {
        return isNegative ? new Tally(positive, negative + 1) : new Tally(positive + 1, negative);
    }
}
