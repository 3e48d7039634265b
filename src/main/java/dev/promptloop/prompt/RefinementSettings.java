package dev.promptloop.prompt;

/**
 * When and how a prompt learns.
 *
 * @param threshold weighted unconsumed negative feedback on the production version that triggers a refinement
 * @param promotion what happens to the refined version
 * @param maxNewRules most rules one refinement may add
 * @param checkWeight how much one failed output check counts, a person's negative feedback counting 1
 * @param evaluation the evaluation gate
 * @param budget daily caps on refinement model use
 * @param canary the canary and the watch after promotion
 * @param ruleTokens the most tokens the learned rules of a version may take together: every render pays them, so a
 *        refinement that would go over consolidates (merges, retires) instead
 */
public record RefinementSettings(int threshold, Promotion promotion, int maxNewRules, double checkWeight,
        EvaluationSettings evaluation, BudgetSettings budget, CanarySettings canary, int ruleTokens) {

    public static final int DEFAULT_THRESHOLD = 3;
    public static final int MAX_THRESHOLD = 50;
    public static final int DEFAULT_MAX_NEW_RULES = 3;
    public static final int MAX_NEW_RULES_LIMIT = 5;
    public static final int DEFAULT_RULE_TOKENS = 400;
    public static final int MIN_RULE_TOKENS = 50;
    public static final int MAX_RULE_TOKENS = 4_000;
    /** The hard ceiling of learned rules in one version, whatever their tokens. */
    public static final int MAX_RULES = 60;

    public static final RefinementSettings DEFAULTS = new RefinementSettings(DEFAULT_THRESHOLD, Promotion.EVALUATED,
            DEFAULT_MAX_NEW_RULES, 1.0, EvaluationSettings.DEFAULTS, BudgetSettings.DEFAULTS, CanarySettings.DEFAULTS,
            DEFAULT_RULE_TOKENS);

    /**
     * @param maxCases cases replayed per evaluation: the renders behind the feedback being learned from, and up to
     *        half of them earlier cases (the regression suite, renders people rated well)
     * @param minWinMargin (wins - losses) / cases being learned from that the candidate needs; on earlier cases it
     *        may lose none
     * @param candidates how many candidates one refinement may try, each with its own optimizer answer and
     *        evaluation, within the day's budget; the best that passes is promoted
     */
    public record EvaluationSettings(int maxCases, double minWinMargin, int candidates) {
        public static final int MAX_CASES_LIMIT = 24;
        public static final int MAX_CANDIDATES = 3;
        public static final EvaluationSettings DEFAULTS = new EvaluationSettings(8, 0.1, 1);
    }

    public record BudgetSettings(int maxModelCallsPerDay, int maxTokensPerDay) {
        public static final BudgetSettings DEFAULTS = new BudgetSettings(300, 300_000);
    }


    /**
     * @param share share of keyed renders the canary serves
     * @param confidence posterior probability needed to promote or roll back
     * @param maxSamples people's feedbacks on the trial version after which the trial is decided (canary: on the
     *        posterior mean; watch: it ends)
     * @param rollbackMargin how much higher a new production's negative rate may be than its predecessor's before it is
     *        rolled back
     */
    public record CanarySettings(double share, double confidence, int maxSamples, double rollbackMargin) {
        public static final CanarySettings DEFAULTS = new CanarySettings(0.2, 0.95, 200, 0.05);
    }
}
