package dev.promptloop.prompt;

/**
 * When and how a prompt learns.
 *
 * @param threshold unconsumed negative feedbacks on the production version that trigger a refinement
 * @param promotion what happens to the refined version
 * @param maxNewRules most rules one refinement may add
 */
public record RefinementSettings(int threshold, Promotion promotion, int maxNewRules) {

    public static final int DEFAULT_THRESHOLD = 3;
    public static final int MAX_THRESHOLD = 50;
    public static final int DEFAULT_MAX_NEW_RULES = 3;
    public static final int MAX_NEW_RULES_LIMIT = 5;

    public static final RefinementSettings DEFAULTS =
            new RefinementSettings(DEFAULT_THRESHOLD, Promotion.AUTO, DEFAULT_MAX_NEW_RULES);
}
