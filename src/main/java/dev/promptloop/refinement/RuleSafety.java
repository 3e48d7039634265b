package dev.promptloop.refinement;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a learned rule may never be, whatever the critiques said: critiques are untrusted, and a rule is text the
 * model will obey. A rule is refused when it tries to override instructions, asks to reveal or repeats the owner's
 * text, carries a URL, an emoji or an encoded payload, or names a placeholder.
 */
final class RuleSafety {

    private static final Pattern OVERRIDE = Pattern.compile(
            "\\b(ignore|disregard|override|forget|bypass|drop|remove|delete)\\b.{0,40}"
                    + "\\b(rules?|instructions?|prompt|system|above|previous|prior|protected)\\b");
    private static final Pattern REVEAL = Pattern.compile(
            "\\b(reveal|print|show|repeat|output|leak|disclose)\\b.{0,40}\\b(system|prompt|instructions?|rules?)\\b");
    private static final Pattern URL = Pattern.compile("(https?://|www\\.)");
    private static final Pattern ENCODED = Pattern.compile("[A-Za-z0-9+/=_-]{24,}");
    /** Long enough that a shared run is a copy, not a common phrase. */
    private static final int COPY_WINDOW = 30;

    private RuleSafety() {
    }

    /**
     * @param ownerTexts the system text and protected rules, which a rule may neither copy nor contradict by asking
     *        to drop them
     */
    static boolean acceptable(String rule, List<String> ownerTexts) {
        String lower = rule.toLowerCase(Locale.ROOT);
        if (OVERRIDE.matcher(lower).find() || REVEAL.matcher(lower).find() || URL.matcher(lower).find()
                || ENCODED.matcher(rule).find() || rule.contains("{{") || rule.contains("}}")) {
            return false;
        }
        boolean symbols = rule.codePoints().anyMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.OTHER_SYMBOL || Character.getType(c) == Character.SURROGATE
                || Character.getType(c) == Character.PRIVATE_USE);
        return !symbols && !copies(rule, ownerTexts);
    }

    private static boolean copies(String rule, List<String> ownerTexts) {
        for (int start = 0; start + COPY_WINDOW <= rule.length(); start++) {
            String window = rule.substring(start, start + COPY_WINDOW);
            for (String text : ownerTexts) {
                if (text.contains(window)) {
                    return true;
                }
            }
        }
        return false;
    }
}
